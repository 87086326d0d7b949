// Validation of the register-account payload, exactly as docs/registration-rules.md lists it.
// The rules are checked in the order of that document (top-level table, then `individual`,
// `business`, `beneficial_owners[i]`), and the first broken rule wins: its message is
// `<path>: <what>` and the route answers 422 with it.
//
// Only what the rest of the sandbox needs survives validation. Government ids (`id_number`,
// `ssn`) are checked and then dropped: they never reach the store or the state file.
import {
  adultDobProblem,
  callingCodeOf,
  charLength,
  dateProblem,
  emailProblem,
  hasLetter,
  isBlank,
  isCountry,
  isPostalCode,
  isUsState,
  isUserId,
  phoneProblem,
  websiteProblem,
} from "./formats";

export type AccountType = "individual" | "corporation";
export type AccountRole = "client" | "advisor";

/** The registration data the sandbox keeps (no government id, no unknown fields). */
export interface Registration {
  account_type: AccountType;
  account_role: AccountRole;
  user_id: string;
  advisor_user_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  phone_country_code: string;
  phone_number: string;
  account_purpose: string;
  source_of_funds: string | null;
}

export type ValidationResult = { ok: true; value: Registration } | { ok: false; error: string; path: string };

export const INDIVIDUAL_PURPOSES = [
  "Trading",
  "Selling only",
  "Other",
  "Online purchases",
  "Online payments",
  "Investing",
  "Buying only",
  "Business",
] as const;

export const CORPORATION_PURPOSES = [
  "Treasury Management",
  "Operating",
  "Liquidating Crypto Assets",
  "Investment Fund",
  "Cross Border Payments",
  "Arbitrage Trading",
  "Other",
] as const;

export const ORGANIZATION_TYPES = [
  "Trust",
  "Sole Proprietor",
  "LLC",
  "Partnership",
  "Corporation",
  "Other",
] as const;

export const BUSINESS_TYPES = [
  "Hedge Fund",
  "Private Equity Fund",
  "Mutual Fund",
  "Proprietary Trading Firm",
  "Personal Investment Company",
  "Individual Retirement Account Holding Company",
  "Money Service Business (MSB)",
  "Financial Institution Brokerage",
  "Agency OTC Brokerage",
  "Principle OTC Brokerage",
  "Retail Brokerage",
  "Robo-Advisor, or FX/CFD Provider",
  "Fund of Funds",
  "Pension Fund",
  "Endowment",
  "Exchange Traded Fund",
  "Fund Administrator",
  "Professional Service Provider (Accounting or Law Firm)",
  "Software Vendor",
  "Platform Provider",
  "Data Aggregator",
  "Charity Organization or Non-profit",
  "Crypto Exchange",
  "Digital Currency Mining Firm",
  "Merchant",
] as const;

/** A broken rule; thrown so that the first one found ends validation. */
class RuleError extends Error {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path}: ${what}`);
  }
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Own properties only: a payload key like `constructor` must not resolve to the prototype. */
function get(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Walks one object, building `<prefix>.<key>` paths. */
class Reader {
  constructor(
    private readonly obj: Obj,
    private readonly prefix: string,
  ) {}

  path(key: string): string {
    return this.prefix === "" ? key : `${this.prefix}.${key}`;
  }

  fail(key: string, what: string): never {
    throw new RuleError(this.path(key), what);
  }

  has(key: string): boolean {
    return get(this.obj, key) !== undefined;
  }

  /** Required string: absent or null -> "is required", other types -> "must be a string". */
  string(key: string): string {
    const v = get(this.obj, key);
    if (v === undefined || v === null) this.fail(key, "is required");
    if (typeof v !== "string") this.fail(key, "must be a string");
    return v;
  }

  /** Optional string: absent -> undefined; only `advisor_user_id` also accepts null (see caller). */
  optionalString(key: string): string | undefined {
    const v = get(this.obj, key);
    if (v === undefined) return undefined;
    if (typeof v !== "string") this.fail(key, "must be a string");
    return v;
  }

  boolean(key: string): boolean {
    const v = get(this.obj, key);
    if (v === undefined || v === null) this.fail(key, "is required");
    if (typeof v !== "boolean") this.fail(key, "must be a boolean (true or false)");
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], what: string): T {
    const v = this.string(key);
    if (!(allowed as readonly string[]).includes(v)) this.fail(key, what);
    return v as T;
  }

  /** 1-`max` characters, not only whitespace (names, entity name, description, non-US states). */
  text(key: string, max: number): string {
    const v = this.string(key);
    if (charLength(v) < 1 || charLength(v) > max) this.fail(key, `must be 1-${max} characters`);
    if (isBlank(v)) this.fail(key, "must not be blank");
    return v;
  }

  name(key: string): string {
    return this.text(key, 100);
  }

  country(key: string): string {
    const v = this.string(key);
    if (!isCountry(v)) this.fail(key, "must be an ISO 3166-1 alpha-2 country code in upper case (e.g. US)");
    return v;
  }

  email(key: string): string {
    const v = this.string(key);
    const problem = emailProblem(v);
    if (problem) this.fail(key, problem);
    return v;
  }

  phone(key: string): string {
    const v = this.string(key);
    const problem = phoneProblem(v);
    if (problem) this.fail(key, problem);
    return v;
  }

  date(key: string): string {
    const v = this.string(key);
    const problem = dateProblem(v);
    if (problem) this.fail(key, problem);
    return v;
  }

  adultDob(key: string): string {
    const v = this.string(key);
    const problem = adultDobProblem(v);
    if (problem) this.fail(key, problem);
    return v;
  }

  /** address line (max 80) or city (max 100): at least one letter. */
  place(key: string, max: number): string {
    const v = this.string(key);
    if (charLength(v) < 1 || charLength(v) > max) this.fail(key, `must be 1-${max} characters`);
    if (!hasLetter(v)) this.fail(key, "must contain at least one letter");
    return v;
  }

  /** US: a US state code; elsewhere free text of 1-100 characters. */
  state(key: string, country: string): string {
    if (country !== "US") return this.text(key, 100);
    const v = this.string(key);
    if (!isUsState(v)) this.fail(key, "must be a 2-letter US state code (e.g. CA) for US addresses");
    return v;
  }

  postalCode(key: string, country: string): string {
    const v = this.string(key);
    if (!isPostalCode(v, country)) {
      this.fail(
        key,
        country === "US"
          ? "must be exactly 5 digits for US addresses"
          : "must be 2-10 letters or digits (no spaces)",
      );
    }
    return v;
  }

  /** `ssn` or `passport`; `ssn` only for US residents. */
  idType(key: string, residence: string, residenceKey: string): "ssn" | "passport" {
    const v = this.oneOf(key, ["ssn", "passport"] as const, "must be ssn or passport");
    if (v === "ssn" && residence !== "US") this.fail(key, `must be passport when ${residenceKey} is not US`);
    return v;
  }

  idNumberCheck(key: string, v: string, idType: "ssn" | "passport"): void {
    if (idType === "ssn" && !/^\d{9}$/.test(v)) this.fail(key, "must be exactly 9 digits for an ssn");
    if (idType === "passport" && !/^[A-Za-z0-9]{5,20}$/.test(v)) {
      this.fail(key, "must be 5-20 letters or digits for a passport");
    }
  }

  idCountryCheck(key: string, v: string, idType: "ssn" | "passport"): void {
    if (!isCountry(v)) this.fail(key, "must be an ISO 3166-1 alpha-2 country code in upper case (e.g. US)");
    if (idType === "ssn" && v !== "US") this.fail(key, "must be US when id_type is ssn");
  }

  /** The beneficial-owner fields that exist under two spellings (documented one first). */
  eitherSpelling(documented: string, alias: string): string {
    const a = get(this.obj, documented);
    const b = get(this.obj, alias);
    if (a !== undefined && b !== undefined && a !== b) {
      this.fail(documented, `must equal ${alias} when both are given`);
    }
    const v = a !== undefined ? a : b;
    if (v === undefined || v === null) this.fail(documented, `is required (or ${alias})`);
    if (typeof v !== "string") this.fail(documented, "must be a string");
    return v;
  }
}

function objectAt(parent: Reader, key: string, value: unknown): Reader {
  if (!isObject(value)) return parent.fail(key, "must be an object");
  return new Reader(value, parent.path(key));
}

function validateIndividual(r: Reader): void {
  r.adultDob("dob");
  const country = r.country("residential_country_code");
  r.place("residential_address", 80);
  r.place("residential_city", 100);
  r.state("residential_state", country);
  r.postalCode("residential_postal_code", country);
  const idType = r.idType("id_type", country, "residential_country_code");
  r.idNumberCheck("id_number", r.string("id_number"), idType);
  r.idCountryCheck("id_country_code", r.string("id_country_code"), idType);
}

function validateBusiness(r: Reader, raw: Obj): void {
  r.text("entity_name", 200);
  r.oneOf("organization_type", ORGANIZATION_TYPES, `must be one of: ${ORGANIZATION_TYPES.join(", ")}`);
  r.oneOf("business_type", BUSINESS_TYPES, "must be one of the documented business types");

  const reg = get(raw, "registration_number");
  if (reg === undefined || reg === null) r.fail("registration_number", "is required");
  const regOk =
    (typeof reg === "string" && /^[A-Za-z0-9-]{1,50}$/.test(reg)) ||
    (typeof reg === "number" && Number.isSafeInteger(reg) && reg > 0);
  if (!regOk) {
    r.fail("registration_number", "must be 1-50 letters, digits or - (or a positive integer)");
  }

  r.text("description", 1000);
  const website = r.optionalString("website");
  if (website !== undefined) {
    const problem = websiteProblem(website);
    if (problem) r.fail("website", problem);
  }
  const incCountry = r.country("incorporation_country");
  r.state("incorporation_state", incCountry);
  r.date("incorporation_date");
  const ppCountry = r.country("principal_place_country");
  r.state("principal_place_state", ppCountry);
  r.place("principal_place_address", 80);
  r.place("principal_place_city", 100);
  r.postalCode("principal_place_postal_code", ppCountry);
  r.boolean("accredited_investor");
  r.boolean("non_agent_intermediary");
}

function validateOwner(r: Reader): void {
  r.name("first_name");
  r.name("last_name");
  const middle = r.optionalString("middle_name");
  if (middle !== undefined && charLength(middle) > 100)
    r.fail("middle_name", "must be at most 100 characters");
  r.email("email");
  r.phone("phone_number");
  r.adultDob("dob");
  const country = r.country("address_country_code");
  if (country === "US") {
    r.state("address_subdivision", "US");
  } else {
    const sub = r.string("address_subdivision");
    if (!/^[A-Z0-9]{1,3}$/.test(sub)) {
      r.fail(
        "address_subdivision",
        "must be the subdivision part of an ISO 3166-2 code: 1-3 upper-case letters or digits (e.g. ON)",
      );
    }
  }
  r.place("address_street1", 80);
  const street2 = r.optionalString("address_street2");
  if (street2 !== undefined && charLength(street2) > 80)
    r.fail("address_street2", "must be at most 80 characters");
  r.place("address_city", 100);
  r.postalCode("address_postal_code", country);
  const idType = r.idType("id_type", country, "address_country_code");
  r.idCountryCheck("id_country_code", r.eitherSpelling("id_country_code", "id_issuing_country"), idType);
  r.idNumberCheck("id_number", r.eitherSpelling("id_number", "ssn"), idType);
}

function validate(body: Obj): Registration {
  const r: Reader = new Reader(body, "");
  const accountType = r.oneOf(
    "account_type",
    ["individual", "corporation"] as const,
    "must be individual or corporation",
  );
  const accountRole = r.oneOf(
    "account_role",
    ["client", "advisor"] as const,
    "must be client or advisor (lower case)",
  );
  const userId = r.string("user_id");
  if (!isUserId(userId)) r.fail("user_id", "must be 1-64 characters of letters, digits, _ or -");

  let advisorUserId: string | null = null;
  const advisorRaw = get(body, "advisor_user_id");
  if (advisorRaw !== undefined && advisorRaw !== null) {
    if (typeof advisorRaw !== "string") r.fail("advisor_user_id", "must be a string");
    if (!isUserId(advisorRaw))
      r.fail("advisor_user_id", "must be 1-64 characters of letters, digits, _ or -");
    advisorUserId = advisorRaw;
  }

  const firstName = r.name("first_name");
  const lastName = r.name("last_name");
  const email = r.email("email");
  const phoneCountry = r.country("phone_country_code");
  const phone = r.phone("phone_number");
  const callingCode = callingCodeOf(phoneCountry);
  if (callingCode === null || !phone.startsWith(`+${callingCode}`)) {
    r.fail(
      "phone_number",
      callingCode === null
        ? `no country calling code is known for phone_country_code ${phoneCountry}`
        : `must start with +${callingCode}, the calling code of phone_country_code ${phoneCountry}`,
    );
  }

  const purposes = accountType === "individual" ? INDIVIDUAL_PURPOSES : CORPORATION_PURPOSES;
  const purpose = r.oneOf(
    "account_purpose",
    purposes,
    `must be one of (${accountType}): ${purposes.join(", ")}`,
  );

  const sourceOfFunds = r.optionalString("source_of_funds");
  if (sourceOfFunds !== undefined && (charLength(sourceOfFunds) < 1 || charLength(sourceOfFunds) > 100)) {
    r.fail("source_of_funds", "must be 1-100 characters");
  }

  if (accountType === "individual") {
    const ind = get(body, "individual");
    if (ind === undefined || ind === null) r.fail("individual", "is required for an individual account");
    validateIndividual(objectAt(r, "individual", ind));
    if (r.has("business")) r.fail("business", "must be absent for an individual account");
    if (r.has("beneficial_owners")) r.fail("beneficial_owners", "must be absent for an individual account");
  } else {
    if (r.has("individual")) r.fail("individual", "must be absent for a corporation");
    const biz = get(body, "business");
    if (biz === undefined || biz === null) r.fail("business", "is required for a corporation");
    const bizReader = objectAt(r, "business", biz);
    validateBusiness(bizReader, biz as Obj);
    const owners = get(body, "beneficial_owners");
    if (owners === undefined || owners === null) r.fail("beneficial_owners", "is required for a corporation");
    if (!Array.isArray(owners)) r.fail("beneficial_owners", "must be an array");
    if (owners.length < 1 || owners.length > 10) r.fail("beneficial_owners", "must contain 1 to 10 owners");
    owners.forEach((owner: unknown, i: number) => {
      const path = `beneficial_owners[${i}]`;
      if (!isObject(owner)) throw new RuleError(path, "must be an object");
      validateOwner(new Reader(owner, path));
    });
  }

  return {
    account_type: accountType,
    account_role: accountRole,
    user_id: userId,
    advisor_user_id: advisorUserId,
    first_name: firstName,
    last_name: lastName,
    email,
    phone_country_code: phoneCountry,
    phone_number: phone,
    account_purpose: purpose,
    source_of_funds: sourceOfFunds ?? null,
  };
}

/** Validates a parsed JSON body against every rule; never throws for any input. */
export function validateRegistration(body: unknown): ValidationResult {
  if (!isObject(body)) return { ok: false, path: "body", error: "body: must be a JSON object" };
  try {
    return { ok: true, value: validate(body) };
  } catch (err) {
    if (err instanceof RuleError) return { ok: false, path: err.path, error: err.message };
    throw err;
  }
}
