import * as z from "@/lib/zod-mini";
import { COUNTRY_CODES } from "@/lib/validations/countries";
import { typeError } from "@/lib/validations/messages";
import { MAX_LENGTH } from "@/lib/validations/limits";
import { isUsStateCode } from "@/lib/validations/us-states";

const NOT_BLANK = /\S/;
// Control characters other than tab and line breaks: never typed by a person, and PostgreSQL
// refuses NUL in text and JSON, so they are stopped here, with a message, rather than by the database.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const CONTROL_CHARACTERS_MESSAGE = "Remove the invisible control characters from this text";
// Half of a UTF-16 surrogate pair on its own is not a character at all: a browser cannot type one,
// but a crafted request can, and PostgreSQL refuses it inside JSON (the wizard's draft), so it is
// stopped here too. No `u` flag: the pattern must see code units, not code points.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const BROKEN_CHARACTER_MESSAGE = "Remove the broken character from this text and type it again";

function hasNoLoneSurrogate(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * `schema`, also refusing control characters and broken (lone surrogate) characters: every
 * free-text field goes through this.
 */
export function withoutControlCharacters(schema: z.ZodMiniString<string>): z.ZodMiniString<string> {
  return schema.check(
    z.regex(NO_CONTROL_CHARACTERS, { error: CONTROL_CHARACTERS_MESSAGE, abort: true }),
    z.refine(hasNoLoneSurrogate, { error: BROKEN_CHARACTER_MESSAGE, abort: true }),
  );
}
const HAS_LETTER = /\p{L}/u;

/** Text of 1..max chars that is not only whitespace. */
export function textSchema(max: number, emptyMessage: string) {
  return withoutControlCharacters(
    z.string({ error: typeError(emptyMessage) }).check(
      z.maxLength(max, { error: `Use at most ${max} characters`, abort: true }),
      z.regex(NOT_BLANK, { error: emptyMessage, abort: true }),
    ),
  );
}

export const countryCodeSchema = z.enum(COUNTRY_CODES, {
  error: typeError("Choose a country (2-letter code in capitals, for example US)"),
});

export const nameSchema = textSchema(MAX_LENGTH.name, "Enter a name");

const USER_ID_MESSAGE = "Use 1 to 64 letters, digits, _ or -";
export const userIdSchema = z
  .string({ error: typeError(USER_ID_MESSAGE) })
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: USER_ID_MESSAGE, abort: true }));

const EMAIL_LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^[A-Za-z]{2,}$/;

/** The RFC 3696 reading of docs/registration-rules.md (no quoted local parts, no IP literals). */
export function isEmailAddress(value: string): boolean {
  const parts = value.split("@");
  if (value.length > MAX_LENGTH.email || parts.length !== 2) return false;
  const [local = "", domain = ""] = parts;
  const labels = domain.split(".");
  return (
    local.length <= 64 &&
    EMAIL_LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(labels.at(-1) ?? "")
  );
}

const EMAIL_MESSAGE = "Enter a valid email address";
export const emailSchema = z
  .string({ error: typeError(EMAIL_MESSAGE) })
  .check(
    z.maxLength(MAX_LENGTH.email, { error: EMAIL_MESSAGE, abort: true }),
    z.refine(isEmailAddress, { error: EMAIL_MESSAGE, abort: true }),
  );

function lettersTextSchema(max: number, emptyMessage: string) {
  return withoutControlCharacters(
    z.string({ error: typeError(emptyMessage) }).check(
      z.minLength(1, { error: emptyMessage, abort: true }),
      z.maxLength(max, { error: `Use at most ${max} characters`, abort: true }),
      z.regex(HAS_LETTER, { error: "Include at least one letter", abort: true }),
    ),
  );
}

export const addressLineSchema = lettersTextSchema(MAX_LENGTH.addressLine, "Enter an address");
export const citySchema = lettersTextSchema(MAX_LENGTH.city, "Enter a city");

/**
 * A postal code anywhere (2-10 letters or digits); `postalCodeIssue` adds the US rule once the
 * country is known.
 */
export const postalCodeSchema = z.string({ error: typeError("Enter a postal code") }).check(
  z.regex(/^[A-Za-z0-9]{2,10}$/, {
    error: "Use 2 to 10 letters or digits, without spaces",
    abort: true,
  }),
);

export function postalCodeIssue(postalCode: string, country: string): string | undefined {
  if (country === "US" && !/^\d{5}$/.test(postalCode)) return "Enter a 5-digit ZIP code";
  return undefined;
}

/** A state, province or region as text; `usStateIssue` adds the US rule once the country is known. */
export const regionSchema = textSchema(MAX_LENGTH.region, "Enter a state, province or region");

/** ISO 3166-2 subdivision part (`ON` of `CA-ON`); `usStateIssue` adds the US rule. */
export const subdivisionSchema = z.string({ error: typeError("Enter the region code") }).check(
  z.regex(/^[A-Z0-9]{1,3}$/, {
    error: "Use the region code of 1 to 3 capital letters or digits, for example ON",
    abort: true,
  }),
);

export function usStateIssue(state: string, country: string): string | undefined {
  if (country === "US" && !isUsStateCode(state)) return "Use the 2-letter state code, for example CA";
  return undefined;
}

/** An id number of either type (5-20 letters or digits); `idNumberIssue` adds the SSN rule. */
export const idNumberSchema = z.string({ error: typeError("Enter the ID number") }).check(
  z.regex(/^[A-Za-z0-9]{5,20}$/, {
    error: "Use 5 to 20 letters or digits, without spaces or dashes",
    abort: true,
  }),
);

export function idNumberIssue(idNumber: string, idType: string): string | undefined {
  if (idType === "ssn" && !/^\d{9}$/.test(idNumber)) return "Enter the 9 digits of the SSN, without dashes";
  return undefined;
}

/** `ssn` only for US residents, and then issued by the US. */
export function ssnResidenceIssue(idType: string, residenceCountry: string): string | undefined {
  if (idType === "ssn" && residenceCountry !== "US")
    return "An SSN is only accepted from US residents; use a passport";
  return undefined;
}

export function ssnIssuerIssue(idType: string, idCountry: string): string | undefined {
  if (idType === "ssn" && idCountry !== "US") return "An SSN is issued by the US; choose US";
  return undefined;
}

const WEBSITE_MESSAGE = "Enter a web address starting with http:// or https://";

function isWebAddress(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const websiteSchema = withoutControlCharacters(
  z
    .string({ error: typeError(WEBSITE_MESSAGE) })
    .check(
      z.maxLength(MAX_LENGTH.website, { error: `Use at most ${MAX_LENGTH.website} characters`, abort: true }),
      z.refine(isWebAddress, { error: WEBSITE_MESSAGE, abort: true }),
    ),
);

const REGISTRATION_NUMBER_MESSAGE = "Enter the registration number: 1 to 50 letters, digits or -";

/** A string of letters, digits and `-`, or a positive whole number (the sFOX example sends one). */
export const registrationNumberSchema = z.union(
  [
    z.string().check(z.regex(/^[A-Za-z0-9-]{1,50}$/, { error: REGISTRATION_NUMBER_MESSAGE, abort: true })),
    z
      .number()
      .check(
        z.int({ error: "Enter a whole number above 0", abort: true }),
        z.positive({ error: "Enter a whole number above 0", abort: true }),
      ),
  ],
  { error: typeError(REGISTRATION_NUMBER_MESSAGE) },
);
