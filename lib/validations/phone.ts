import {
  getCountryCallingCode,
  isPossiblePhoneNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from "libphonenumber-js";
import * as z from "@/lib/zod-mini";
import { typeError } from "@/lib/validations/messages";

const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
const E164_MESSAGE = "Enter a full phone number with its area code, for example 415 555 2671 in the US";

/** `+` and 7-15 digits, and a possible number (right length) for its calling code. */
export const phoneNumberSchema = z
  .string({ error: typeError(E164_MESSAGE) })
  .check(
    z.maxLength(16, { error: E164_MESSAGE, abort: true }),
    z.regex(E164_PATTERN, { error: E164_MESSAGE, abort: true }),
    z.refine((value) => isPossiblePhoneNumber(value), {
      error: "This phone number has the wrong number of digits for its country",
      abort: true,
    }),
  );

/** Why `phone` (a valid E.164 number) does not belong to `country`, or undefined when it does. */
export function phoneCountryIssue(phone: string, country: string): string | undefined {
  if (!isSupportedCountry(country)) return "Phone numbers of the chosen country are not supported";
  const callingCode = getCountryCallingCode(country);
  if (parsePhoneNumberFromString(phone)?.countryCallingCode === callingCode) return undefined;
  return `The number must start with +${callingCode}, the calling code of the chosen country`;
}
