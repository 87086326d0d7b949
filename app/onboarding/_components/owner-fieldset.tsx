"use client";

import { useMemo, useState, type ChangeEvent, type ComponentProps } from "react";
import { Controller, useWatch, type FieldPath, type PathValue, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { CountryField } from "@/components/ui/country-field";
import { FieldLabel, FieldMessages, FieldShell, controlClass, cx } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";
import { PhoneField } from "@/components/ui/phone-field";
import { callingCodeOf, pickerCountryOf, type PhoneNumbers } from "@/components/ui/phone-number";
import { usePhoneNumbers } from "@/components/ui/use-phone-numbers";
import { RadioGroupField } from "@/components/ui/radio-group-field";
import { SecretField } from "@/components/ui/secret-field";
import { TextField } from "@/components/ui/text-field";
import type { BeneficialOwnersFormInput, beneficialOwnersFormSchema } from "@/lib/validations/beneficial-owners-step";
import { MAX_LENGTH, MIN_OWNERSHIP_PERCENTAGE } from "@/lib/validations/limits";
import { RegionField } from "./region-field";

export type OwnersFormValues = z.input<typeof beneficialOwnersFormSchema>;
export type OwnerValues = OwnersFormValues["beneficial_owners"][number];
export type OwnersForm = UseFormReturn<OwnersFormValues, unknown, BeneficialOwnersFormInput>;
type OwnersPath = FieldPath<OwnersFormValues>;

/** The id of an owner's legend, which takes focus after the owner before it is removed. */
export const ownerLegendId = (index: number) => `${fieldId(`beneficial_owners.${index}`)}-legend`;

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);
const trimmedOrUndefined = (value: unknown) =>
  typeof value === "string" ? value.trim() || undefined : value;
const upperCase = (value: unknown) => (typeof value === "string" ? value.trim().toUpperCase() : value);
const postalCode = (value: unknown) =>
  typeof value === "string" ? value.replace(/\s+/g, "").toUpperCase() : value;
const idNumber = (value: unknown) => (typeof value === "string" ? value.replace(/[\s-]+/g, "") : value);
const percentage = (value: unknown) => {
  if (value === "" || value === null || value === undefined) return undefined;
  return typeof value === "number" ? value : Number(value);
};

interface OwnerFieldsetProps {
  form: OwnersForm;
  index: number;
  /** The contact person's phone country, for an owner without a number or an address yet. */
  defaultPhoneCountry: string;
  /** Absent when this is the only owner: there is always at least one. */
  onRemove?: () => void;
}

/** Every detail of one beneficial owner, in its own fieldset. */
export function OwnerFieldset({ form, index, defaultPhoneCountry, onRemove }: OwnerFieldsetProps) {
  const { register, control, getValues, setValue, getFieldState, formState } = form;
  const base = `beneficial_owners.${index}` as const;
  const errors = formState.errors.beneficial_owners?.[index];
  const watched = useMemo(
    () =>
      [
        `${base}.first_name`,
        `${base}.last_name`,
        `${base}.address_country_code`,
        `${base}.id_type`,
        `${base}.phone_number`,
      ] as const,
    [base],
  );
  const [firstName, lastName, country, idType, phone] = useWatch({ control, name: watched });
  const isUs = country === "US";
  const name = [firstName, lastName].filter((part) => part?.trim()).join(" ");

  // Owners have no phone country in the payload: the picker's country lives here, and follows the
  // number when it changes from outside (resumed, or filled in from the contact details) once the
  // phone number library, fetched when there is a number, can read it.
  const phoneNumbers = usePhoneNumbers(Boolean(phone));
  const [phoneCountry, setPhoneCountry] = useState(() =>
    country && callingCodeOf(country) ? country : defaultPhoneCountry,
  );
  const [seen, setSeen] = useState<{ phone?: string; phoneNumbers?: PhoneNumbers }>({ phone });
  if (phoneNumbers && (phone !== seen.phone || phoneNumbers !== seen.phoneNumbers)) {
    // The first reading prefers the address country, then the contact's; later ones the picker's.
    const candidates = seen.phoneNumbers ? [phoneCountry] : [country, defaultPhoneCountry];
    setSeen({ phone, phoneNumbers });
    const numberCountry = pickerCountryOf(phoneNumbers, phone, candidates);
    if (numberCountry && numberCountry !== phoneCountry) setPhoneCountry(numberCountry);
  }

  function update<Name extends OwnersPath>(path: Name, value: PathValue<OwnersFormValues, Name>) {
    setValue(path, value, { shouldDirty: true, shouldValidate: !!getFieldState(path).error });
  }

  function changeCountry(from: string | undefined, to: string) {
    // The US state list and region codes elsewhere share no values.
    if ((from === "US") !== (to === "US") && getValues(`${base}.address_subdivision`))
      update(`${base}.address_subdivision`, "");
    // Only US residents may use an SSN; elsewhere a passport is the one choice, so make it.
    if (to !== "US" && getValues(`${base}.id_type`) !== "passport") changeIdType("passport");
  }

  function changeIdType(next: "ssn" | "passport") {
    const previous = getValues(`${base}.id_type`);
    if (previous === next) return;
    update(`${base}.id_type`, next);
    afterIdTypeChange(previous, next);
  }

  function afterIdTypeChange(previous: string | undefined, next: string) {
    // The number of one document is never the number of the other: never send an SSN as a passport number.
    if (previous && previous !== next) update(`${base}.id_number`, "");
    if (next === "ssn") update(`${base}.id_country_code`, "US");
    else if (previous === "ssn") update(`${base}.id_country_code`, undefined);
  }

  const idTypeOptions = isUs
    ? [
        { value: "ssn", label: "Social Security number (SSN)" },
        { value: "passport", label: "Passport" },
      ]
    : [
        {
          value: "passport",
          label: "Passport",
          description: country
            ? "People who live outside the US verify with a passport."
            : "US residents can also use an SSN once you choose the United States above.",
        },
      ];
  const isSsn = idType === "ssn";

  return (
    <fieldset className="space-y-6 rounded-lg border border-gray-300 p-4 sm:p-6" data-summary-group={`Owner ${index + 1}`}>
      <legend
        id={ownerLegendId(index)}
        tabIndex={-1}
        className="px-2 text-lg font-semibold focus:outline-none"
      >
        Owner {index + 1}
        {name ? <span className="font-normal">: {name}</span> : null}
      </legend>
      <div className="grid gap-6 sm:grid-cols-2">
        <TextField
          label="First name"
          autoComplete="off"
          maxLength={MAX_LENGTH.name}
          error={errors?.first_name?.message}
          {...register(`${base}.first_name`, { setValueAs: trimmed })}
        />
        <TextField
          label="Middle name"
          optional
          autoComplete="off"
          maxLength={MAX_LENGTH.name}
          error={errors?.middle_name?.message}
          {...register(`${base}.middle_name`, { setValueAs: trimmedOrUndefined })}
        />
      </div>
      <TextField
        label="Last name"
        autoComplete="off"
        maxLength={MAX_LENGTH.name}
        error={errors?.last_name?.message}
        {...register(`${base}.last_name`, { setValueAs: trimmed })}
      />
      <TextField
        label="Email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_LENGTH.email}
        error={errors?.email?.message}
        {...register(`${base}.email`, { setValueAs: trimmed })}
      />
      <Controller
        control={control}
        name={`${base}.phone_number`}
        render={({ field }) => (
          <PhoneField
            label="Phone"
            name={field.name}
            countryName={`${base}.phone_country`}
            country={phoneCountry}
            onCountryChange={setPhoneCountry}
            number={field.value ?? ""}
            onNumberChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={errors?.phone_number?.message}
          />
        )}
      />
      <TextField
        label="Date of birth"
        type="date"
        hint="Must be 18 or older"
        autoComplete="off"
        inputClassName="sm:max-w-xs"
        error={errors?.dob?.message}
        {...register(`${base}.dob`)}
      />

      <fieldset className="space-y-6">
        <legend className="font-semibold">Home address</legend>
        <Controller
          control={control}
          name={`${base}.address_country_code`}
          render={({ field }) => (
            <CountryField
              label="Country of residence"
              error={errors?.address_country_code?.message}
              {...field}
              value={field.value ?? ""}
              onChange={(code) => {
                const previous = field.value;
                field.onChange(code);
                changeCountry(previous, code);
              }}
            />
          )}
        />
        <TextField
          label="Street address"
          autoComplete="off"
          maxLength={MAX_LENGTH.addressLine}
          error={errors?.address_street1?.message}
          {...register(`${base}.address_street1`, { setValueAs: trimmed })}
        />
        <TextField
          label="Apartment, suite or floor"
          optional
          autoComplete="off"
          maxLength={MAX_LENGTH.addressLine}
          error={errors?.address_street2?.message}
          {...register(`${base}.address_street2`, { setValueAs: trimmedOrUndefined })}
        />
        <TextField
          label="Town or city"
          autoComplete="off"
          maxLength={MAX_LENGTH.city}
          error={errors?.address_city?.message}
          {...register(`${base}.address_city`, { setValueAs: trimmed })}
        />
        <div className="grid gap-6 sm:grid-cols-2">
          {isUs ? (
            <RegionField
              name={`${base}.address_subdivision`}
              country={country}
              register={register}
              error={errors?.address_subdivision?.message}
            />
          ) : (
            <TextField
              label="Region code"
              hint="The region part of its ISO code, for example ON for Ontario"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={MAX_LENGTH.subdivision}
              inputClassName="uppercase"
              error={errors?.address_subdivision?.message}
              {...register(`${base}.address_subdivision`, { setValueAs: upperCase })}
            />
          )}
          <TextField
            label={isUs ? "ZIP code" : "Postal code"}
            hint={isUs ? "5 digits" : "Letters and numbers"}
            autoComplete="off"
            inputMode={isUs ? "numeric" : "text"}
            maxLength={12}
            error={errors?.address_postal_code?.message}
            {...register(`${base}.address_postal_code`, { setValueAs: postalCode })}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-6">
        <legend className="font-semibold">Proof of identity</legend>
        <RadioGroupField
          legend="Type of id"
          options={idTypeOptions}
          error={errors?.id_type?.message}
          {...register(`${base}.id_type`, {
            // `idType` is still the value of the last render: the one before this change.
            onChange: (event: ChangeEvent<HTMLInputElement>) => afterIdTypeChange(idType, event.target.value),
          })}
        />
        <SecretField
          label={isSsn ? "Social Security number" : "Passport number"}
          hint={
            isSsn
              ? "9 digits. We send it to sFOX to verify this person and never store it."
              : "As printed on the passport. We send it to sFOX to verify this person and never store it."
          }
          inputMode={isSsn ? "numeric" : "text"}
          maxLength={isSsn ? 11 : 30}
          error={errors?.id_number?.message}
          {...register(`${base}.id_number`, { setValueAs: idNumber })}
        />
        {isSsn ? (
          <p className="text-ink-muted text-sm">An SSN is issued by the United States.</p>
        ) : (
          <Controller
            control={control}
            name={`${base}.id_country_code`}
            render={({ field }) => (
              <CountryField
                label="Country that issued the passport"
                error={errors?.id_country_code?.message}
                {...field}
                value={field.value ?? ""}
              />
            )}
          />
        )}
      </fieldset>

      <PercentField
        label="Ownership percentage"
        hint={`The share of the business this person owns: at least ${MIN_OWNERSHIP_PERCENTAGE}%.`}
        error={errors?.ownership_percentage?.message}
        {...register(`${base}.ownership_percentage`, { setValueAs: percentage })}
      />

      {onRemove ? (
        <Button variant="secondary" onClick={onRemove} className="w-full sm:w-auto">
          Remove owner {index + 1}
        </Button>
      ) : null}
    </fieldset>
  );
}

type PercentFieldProps = Omit<
  ComponentProps<"input">,
  "id" | "type" | "className" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  label: string;
  hint?: string;
  error?: string;
};

/** A number input with a "%" after it (hidden from screen readers: the label says "percentage"). */
function PercentField({ label, hint, error, ...inputProps }: PercentFieldProps) {
  const id = fieldId(inputProps.name);
  return (
    <FieldShell error={error}>
      <FieldLabel htmlFor={id}>{label}</FieldLabel>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="mt-2 flex items-center gap-2">
        <input
          {...inputProps}
          id={id}
          type="number"
          inputMode="decimal"
          min={MIN_OWNERSHIP_PERCENTAGE}
          max={100}
          step="any"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error })}
          className={cx(controlClass(!!error), "max-w-36")}
        />
        <span aria-hidden="true" className="text-ink text-lg font-semibold">
          %
        </span>
      </div>
    </FieldShell>
  );
}
