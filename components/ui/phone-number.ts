import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";

let byCallingCode: Map<string, CountryCode[]> | undefined;

function countriesByCallingCode(): Map<string, CountryCode[]> {
  if (!byCallingCode) {
    byCallingCode = new Map();
    for (const country of getCountries()) {
      const code = getCountryCallingCode(country);
      byCallingCode.set(code, [...(byCallingCode.get(code) ?? []), country]);
    }
  }
  return byCallingCode;
}

/** "+1" for "US"; undefined for regions without phone numbers (Antarctica, Bouvet Island…). */
export function callingCodeOf(country: string): string | undefined {
  return isSupportedCountry(country) ? getCountryCallingCode(country) : undefined;
}

/** What the form stores: the E.164 number when the text parses for `country`, else the text itself. */
export function toE164OrRaw(typed: string, country: string): string {
  const text = typed.trim();
  if (!text) return "";
  return parsePhoneNumberFromString(text, isSupportedCountry(country) ? country : undefined)?.number ?? text;
}

/** A stored number as the user expects to read it: national format when it belongs to `country`. */
export function displayPhoneNumber(stored: string, country: string): string {
  const parsed = stored ? parsePhoneNumberFromString(stored) : undefined;
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
  typed: string,
  current: string,
  allowed: ReadonlySet<string>,
): CountryCode | undefined {
  const text = typed.trim();
  if (!text.startsWith("+")) return undefined;
  const parsed = parsePhoneNumberFromString(text);
  const digits = text.replace(/\D/g, "");
  const callingCode =
    parsed?.countryCallingCode ??
    [1, 2, 3].map((length) => digits.slice(0, length)).find((prefix) => countriesByCallingCode().has(prefix));
  if (!callingCode || callingCode === callingCodeOf(current)) return undefined;

  if (parsed?.country && parsed.isValid() && allowed.has(parsed.country)) return parsed.country;
  const candidates = (countriesByCallingCode().get(callingCode) ?? []).filter((country) =>
    allowed.has(country),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}
