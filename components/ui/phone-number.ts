import type * as LibPhoneNumber from "libphonenumber-js";
import type { CountryCode } from "libphonenumber-js";
import { CALLING_CODES } from "@/components/ui/calling-codes";

/** libphonenumber-js, which the functions below take once `loadPhoneNumbers` has fetched it. */
export type PhoneNumbers = typeof LibPhoneNumber;

let loading: Promise<PhoneNumbers> | undefined;

/** Fetches libphonenumber-js (about 30 KB gzip) once; a failed fetch is tried again next time. */
export function loadPhoneNumbers(): Promise<PhoneNumbers> {
  loading ??= import("libphonenumber-js").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

let byCallingCode: Map<string, CountryCode[]> | undefined;

function countriesByCallingCode(phoneNumbers: PhoneNumbers): Map<string, CountryCode[]> {
  if (!byCallingCode) {
    byCallingCode = new Map();
    for (const country of phoneNumbers.getCountries()) {
      const code = phoneNumbers.getCountryCallingCode(country);
      byCallingCode.set(code, [...(byCallingCode.get(code) ?? []), country]);
    }
  }
  return byCallingCode;
}

/** "+1" for "US"; undefined for regions without phone numbers (Antarctica, Bouvet Island…). */
export function callingCodeOf(country: string): string | undefined {
  return CALLING_CODES[country];
}

/** What the form stores: the E.164 number when the text parses for `country`, else the text itself. */
export function toE164OrRaw(phoneNumbers: PhoneNumbers, typed: string, country: string): string {
  const text = typed.trim();
  if (!text) return "";
  const region = phoneNumbers.isSupportedCountry(country) ? country : undefined;
  return phoneNumbers.parsePhoneNumberFromString(text, region)?.number ?? text;
}

/** A stored number as the user expects to read it: national format when it belongs to `country`. */
export function displayPhoneNumber(phoneNumbers: PhoneNumbers, stored: string, country: string): string {
  const parsed = stored ? phoneNumbers.parsePhoneNumberFromString(stored) : undefined;
  if (!parsed) return stored;
  return parsed.countryCallingCode === callingCodeOf(country)
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/**
 * The country to switch to when the user types an international number ("+33 6…" → FR), only when
 * that is unambiguous: the calling code belongs to one country, or the complete number is valid
 * for one. Undefined when the current country already has that calling code (+1 keeps Canada).
 */
export function countryOfInternational(
  phoneNumbers: PhoneNumbers,
  typed: string,
  current: string,
  allowed: ReadonlySet<string>,
): CountryCode | undefined {
  const text = typed.trim();
  if (!text.startsWith("+")) return undefined;
  const parsed = phoneNumbers.parsePhoneNumberFromString(text);
  const digits = text.replace(/\D/g, "");
  const byCode = countriesByCallingCode(phoneNumbers);
  const callingCode =
    parsed?.countryCallingCode ?? [1, 2, 3].map((length) => digits.slice(0, length)).find((prefix) => byCode.has(prefix));
  if (!callingCode || callingCode === callingCodeOf(current)) return undefined;

  if (parsed?.country && parsed.isValid() && allowed.has(parsed.country)) return parsed.country;
  const candidates = (byCode.get(callingCode) ?? []).filter((country) => allowed.has(country));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * The country the phone picker shows for a stored number: the first candidate sharing its calling
 * code (so +1 keeps Canada), else the number's own country. Undefined when the text is no number.
 */
export function pickerCountryOf(
  phoneNumbers: PhoneNumbers,
  number: string | undefined,
  candidates: readonly (string | undefined)[],
): string | undefined {
  const parsed = number ? phoneNumbers.parsePhoneNumberFromString(number) : undefined;
  if (!parsed) return undefined;
  const sameCode = candidates.find((code) => code && callingCodeOf(code) === parsed.countryCallingCode);
  return sameCode ?? parsed.country ?? parsed.getPossibleCountries()[0];
}
