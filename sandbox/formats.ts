// The "Common formats" of docs/registration-rules.md, one predicate each. Kept free of any
// knowledge of field names so registration.ts reads like the rules table.
import { getCountryCallingCode, isPossiblePhoneNumber, isSupportedCountry } from "libphonenumber-js";

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (no XK, no reserved codes). */
const COUNTRIES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

/** 50 states + DC + the inhabited territories (decision in registration-rules.md). */
const US_STATES = new Set(
  (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA " +
    "RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP"
  ).split(" "),
);

export const countryCount = COUNTRIES.size;

export function isCountry(v: string): boolean {
  return COUNTRIES.has(v);
}

export function isUsState(v: string): boolean {
  return US_STATES.has(v);
}

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export function charLength(v: string): number {
  let n = 0;
  for (const _ of v) n++;
  return n;
}

export function isBlank(v: string): boolean {
  return v.trim() === "";
}

const LETTER = /\p{L}/u;

/** address line (max 80) / city (max 100): at least one letter. */
export function hasLetter(v: string): boolean {
  return LETTER.test(v);
}

export function isPostalCode(v: string, country: string): boolean {
  return country === "US" ? /^\d{5}$/.test(v) : /^[A-Za-z0-9]{2,10}$/.test(v);
}

export function isUserId(v: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(v);
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The RFC 3696 reading of registration-rules.md; returns a reason or null when valid. */
export function emailProblem(v: string): string | null {
  if (v !== v.trim()) return "must not have leading or trailing whitespace";
  if (v.length > 254) return "must be at most 254 characters";
  const parts = v.split("@");
  if (parts.length !== 2) return "must contain exactly one @";
  const [local = "", domain = ""] = parts;
  if (!LOCAL_PART.test(local)) return "has an invalid local part (before @)";
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return "has an invalid local part (dots)";
  }
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return "has an invalid domain";
  if (!/^[A-Za-z]{2,}$/.test(labels[labels.length - 1] ?? "")) return "has an invalid top-level domain";
  return null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** E.164 and a possible number for its calling code; returns a reason or null. */
export function phoneProblem(v: string): string | null {
  if (!E164.test(v)) return "must be in E.164 format (+ then 7-15 digits, e.g. +14155552671)";
  if (!isPossiblePhoneNumber(v)) return "is not a possible phone number";
  return null;
}

/** The calling code ("1", "44", ...) of a country, or null when libphonenumber knows none (AQ, BV, ...). */
export function callingCodeOf(country: string): string | null {
  return isSupportedCountry(country) ? getCountryCallingCode(country) : null;
}

/** Today's date (UTC) as [year, month, day]; the sandbox runs in UTC terms. */
function todayUtc(now: Date): [number, number, number] {
  return [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
}

function compareYmd(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Parses a strict YYYY-MM-DD real calendar date; null when malformed or impossible. */
export function parseDate(v: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return [y, mo, d];
}

/** "date" rule: a real date, year >= 1900, not in the future. */
export function dateProblem(v: string, now = new Date()): string | null {
  const ymd = parseDate(v);
  if (!ymd) return "must be a real date in the format YYYY-MM-DD";
  if (ymd[0] < 1900) return "must not be before 1900";
  if (compareYmd(ymd, todayUtc(now)) > 0) return "must not be in the future";
  return null;
}

/** "adult dob" rule: a valid date on which the person turned 18 by today. */
export function adultDobProblem(v: string, now = new Date()): string | null {
  const basic = dateProblem(v, now);
  if (basic) return basic;
  const [y, m, d] = parseDate(v) as [number, number, number];
  if (compareYmd([y + 18, m, d], todayUtc(now)) > 0)
    return "must be the date of birth of a person aged 18 or older";
  return null;
}

/** Optional business website: http(s) URL with a host, at most 200 chars. */
export function websiteProblem(v: string): string | null {
  if (v.length > 200) return "must be at most 200 characters";
  if (!/^https?:\/\//i.test(v)) return "must be an http:// or https:// URL";
  try {
    const url = new URL(v);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
      return "must be an http:// or https:// URL with a host";
    }
  } catch {
    return "must be a valid URL";
  }
  return null;
}
