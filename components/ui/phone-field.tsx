"use client";

import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import type { ChangeEvent, ReactNode, Ref } from "react";
import { Combobox } from "@/components/ui/combobox";
import type { ComboboxOption } from "@/components/ui/combobox-filter";
import { countryName as nameOfCountry } from "@/components/ui/country-field";
import { FieldMessages, FieldShell, OptionalMark, controlClass } from "@/components/ui/field";
import { describedBy, errorId, fieldId } from "@/components/ui/field-id";
import {
  callingCodeOf,
  countryOfInternational,
  displayPhoneNumber,
  toE164OrRaw,
  type PhoneNumbers,
} from "@/components/ui/phone-number";
import { useHydrated } from "@/components/ui/use-hydrated";
import { holdPhoneNumber } from "@/components/ui/phone-numbers-settled";
import { usePhoneNumbers } from "@/components/ui/use-phone-numbers";
import { COUNTRY_CODES } from "@/lib/validations/countries";

/** "United States (+1)", findable by name, "+1", "1" or "US"; regions without phone numbers left out. */
function phoneCountryOptions(): ComboboxOption[] {
  return COUNTRY_CODES.flatMap((code) => {
    const callingCode = callingCodeOf(code);
    if (!callingCode) return [];
    return [
      {
        value: code,
        label: `${nameOfCountry(code)} (+${callingCode})`,
        keywords: [`+${callingCode}`, callingCode, code],
      },
    ];
  }).sort((a, b) => a.label.localeCompare(b.label, "en"));
}

export type PhoneFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  /** The error of the number field. */
  error?: string;
  /** The error of the country field. */
  countryError?: string;
  optional?: boolean;
  /** The form name of the phone number (E.164); the number input's id is `fieldId(name)`. */
  name: string;
  /** The form name of the country (alpha-2); the picker's id is `fieldId(countryName)`. */
  countryName: string;
  country: string;
  onCountryChange: (code: string) => void;
  /** The E.164 number when the text parses for the country, else the text as typed. */
  number: string;
  onNumberChange: (e164OrRaw: string) => void;
  onBlur?: () => void;
  onCountryBlur?: () => void;
  /** Goes to the number input. */
  ref?: Ref<HTMLInputElement>;
  /** Goes to the country picker's input. */
  countryRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  className?: string;
};

/**
 * A phone number as a country picker plus the national number (two `<Controller>`s). The phone
 * number library arrives when there is a number to show or the number input takes focus; until
 * then the input shows and stores the text as it is, and what was typed meanwhile is stored as
 * the E.164 number once the library is there.
 */
export function PhoneField({
  label,
  hint,
  error,
  countryError,
  optional,
  name,
  countryName,
  country,
  onCountryChange,
  number,
  onNumberChange,
  onBlur,
  onCountryBlur,
  ref,
  countryRef,
  disabled,
  className,
}: PhoneFieldProps) {
  const numberId = fieldId(name);
  const countryId = fieldId(countryName);
  const hydrated = useHydrated();
  // Names are rendered by the browser only (see useHydrated): the server sends an empty picker.
  const options = useMemo(() => (hydrated ? phoneCountryOptions() : []), [hydrated]);
  const allowed = useMemo(() => new Set(options.map((option) => option.value)), [options]);

  const [wanted, setWanted] = useState(number !== "");
  const phoneNumbers = usePhoneNumbers(wanted);

  // The input keeps the text as typed; it is re-derived only when `number` changes from outside
  // (a saved form resumed, a reset), not when it is the echo of what the user typed.
  const [text, setText] = useState(number);
  const [seenNumber, setSeenNumber] = useState(number);
  // The stored number shown as it is until the library can format it.
  const [unformatted, setUnformatted] = useState(number !== "");
  if (number !== seenNumber) {
    setSeenNumber(number);
    if (!phoneNumbers) {
      if (number !== text.trim()) {
        setText(number);
        setUnformatted(true);
        setWanted(true);
      }
    } else if (number !== toE164OrRaw(phoneNumbers, text, country)) {
      setText(displayPhoneNumber(phoneNumbers, number, country));
    }
  }
  if (phoneNumbers && unformatted) {
    setUnformatted(false);
    if (text === number) setText(displayPhoneNumber(phoneNumbers, number, country));
  }

  // Typed (or autofilled) before the library arrived: stored as typed until now. Until it is stored
  // as E.164, a Continue waits (phoneNumbersSettled).
  const typedEarly = useRef(false);
  const release = useRef<(() => void) | null>(null);
  function markTypedEarly() {
    typedEarly.current = true;
    release.current ??= holdPhoneNumber();
  }
  const storeEarlyText = useEffectEvent((loaded: PhoneNumbers) => {
    if (typedEarly.current) {
      typedEarly.current = false;
      if (text.trim()) store(loaded, text, country);
    }
    release.current?.();
    release.current = null;
  });
  useEffect(() => {
    if (phoneNumbers) storeEarlyText(phoneNumbers);
  }, [phoneNumbers]);
  useEffect(
    () => () => {
      release.current?.();
      release.current = null;
    },
    [],
  );

  function store(loaded: PhoneNumbers, typed: string, current: string) {
    const typedCountry = countryOfInternational(loaded, typed, current, allowed);
    if (typedCountry) onCountryChange(typedCountry);
    onNumberChange(toE164OrRaw(loaded, typed, typedCountry ?? current));
  }

  function handleNumberChange(event: ChangeEvent<HTMLInputElement>) {
    const typed = event.target.value;
    setText(typed);
    setUnformatted(false);
    if (phoneNumbers) {
      store(phoneNumbers, typed, country);
      return;
    }
    markTypedEarly();
    setWanted(true);
    onNumberChange(typed.trim());
  }

  function handleCountryChange(code: string) {
    onCountryChange(code);
    if (!text.trim()) return;
    if (phoneNumbers) onNumberChange(toE164OrRaw(phoneNumbers, text, code));
    else markTypedEarly();
  }

  return (
    <FieldShell error={error || countryError} className={className}>
      <fieldset aria-describedby={describedBy(numberId, { hint })}>
        <legend className="text-ink font-medium">
          {label}
          <OptionalMark optional={optional} />
        </legend>
        <FieldMessages id={numberId} hint={hint} error={error} />
        <FieldMessages id={countryId} error={countryError} />
        <div className="mt-2 grid gap-3 sm:grid-cols-[minmax(0,15rem)_minmax(0,1fr)]">
          <div>
            <label
              htmlFor={countryId}
              id={`${countryId}-label`}
              className="text-ink block text-sm font-medium"
            >
              Country code
            </label>
            <Combobox
              ref={countryRef}
              id={countryId}
              labelId={`${countryId}-label`}
              name={countryName}
              options={options}
              value={country}
              onChange={handleCountryChange}
              onBlur={onCountryBlur}
              emptyText="No country matches"
              invalid={!!countryError}
              describedBy={countryError ? errorId(countryId) : undefined}
              disabled={disabled}
              className="mt-1"
              popupClassName="sm:w-max sm:max-w-md sm:min-w-full"
            />
          </div>
          <div>
            <label htmlFor={numberId} className="text-ink block text-sm font-medium">
              Phone number
            </label>
            <input
              ref={ref}
              id={numberId}
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              value={text}
              onChange={handleNumberChange}
              onFocus={() => setWanted(true)}
              onBlur={onBlur}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId(numberId) : undefined}
              className={`${controlClass(!!error)} mt-1`}
            />
            {/* What the form holds (E.164), for a native submission; the visible input keeps the typed text. */}
            <input type="hidden" name={name} value={number} />
          </div>
        </div>
      </fieldset>
    </FieldShell>
  );
}
