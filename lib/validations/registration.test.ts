import { describe, expect, expectTypeOf, it } from "vitest";
import {
  registrationPayloadSchema,
  type CorporateRegistration,
  type IndividualRegistration,
  type RegistrationPayload,
} from "@/lib/validations/registration";
import { SEED_BUSINESS_BODY, SEED_INDIVIDUAL_BODY } from "@/test/fixtures/seed-examples";

const seedIndividual = JSON.parse(SEED_INDIVIDUAL_BODY) as Record<string, unknown>;
const seedCorporate = JSON.parse(SEED_BUSINESS_BODY) as Record<string, unknown>;

function pathsOf(value: unknown) {
  return registrationPayloadSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
}

describe("registrationPayloadSchema", () => {
  it("accepts both seed bodies unchanged and returns them as they were", () => {
    expect(registrationPayloadSchema.parse(seedIndividual)).toEqual(seedIndividual);
    expect(registrationPayloadSchema.parse(seedCorporate)).toEqual(seedCorporate);
  });

  it("narrows on account_type", () => {
    const corporate: RegistrationPayload = registrationPayloadSchema.parse(seedCorporate);
    if (corporate.account_type !== "corporation") throw new Error("expected a corporation");
    expectTypeOf(corporate).toEqualTypeOf<CorporateRegistration>();
    expect(corporate.beneficial_owners).toHaveLength(1);

    const individual: RegistrationPayload = registrationPayloadSchema.parse(seedIndividual);
    if (individual.account_type !== "individual") throw new Error("expected an individual");
    expectTypeOf(individual).toEqualTypeOf<IndividualRegistration>();
    expect(individual.individual.residential_state).toBe("CA");
  });

  it("strips unknown keys and rewrites nothing", () => {
    expect(registrationPayloadSchema.parse({ ...seedIndividual, extra: 1 })).toEqual(seedIndividual);
    expect(pathsOf({ ...seedIndividual, email: " sfox_connect@email.com" })).toEqual(["email"]);
    expect(registrationPayloadSchema.parse({ ...seedIndividual, first_name: " Sean " }).first_name).toBe(
      " Sean ",
    );
  });

  it("refuses an unknown or missing account_type on account_type", () => {
    expect(pathsOf({ ...seedIndividual, account_type: "Individual" })).toEqual(["account_type"]);
    expect(pathsOf({ ...seedIndividual, account_type: undefined })).toEqual(["account_type"]);
  });

  it("requires individual for an individual and forbids business and owners", () => {
    const { individual: _individual, ...withoutIndividual } = seedIndividual;
    expect(pathsOf(withoutIndividual)).toEqual(["individual"]);
    expect(pathsOf({ ...seedIndividual, business: seedCorporate.business })).toEqual(["business"]);
    expect(pathsOf({ ...seedIndividual, beneficial_owners: [] })).toEqual(["beneficial_owners"]);
  });

  it("requires business and owners for a corporation and forbids individual", () => {
    const { business: _business, ...withoutBusiness } = seedCorporate;
    const { beneficial_owners: _owners, ...withoutOwners } = seedCorporate;
    expect(pathsOf(withoutBusiness)).toEqual(["business"]);
    expect(pathsOf(withoutOwners)).toEqual(["beneficial_owners"]);
    expect(pathsOf({ ...seedCorporate, individual: seedIndividual.individual })).toEqual(["individual"]);
    expect(pathsOf({ ...seedCorporate, individual: null })).toEqual(["individual"]);
  });

  it("checks account_purpose against the account type", () => {
    expect(pathsOf({ ...seedIndividual, account_purpose: "Operating" })).toEqual(["account_purpose"]);
    expect(pathsOf({ ...seedCorporate, account_purpose: "Investing" })).toEqual(["account_purpose"]);
    expect(pathsOf({ ...seedCorporate, account_purpose: "Other" })).toBeUndefined();
  });

  it("checks the phone calling code against phone_country_code", () => {
    expect(pathsOf({ ...seedCorporate, phone_country_code: "GB" })).toEqual(["phone_number"]);
  });

  it("puts nested issues on their full path", () => {
    const [owner] = seedCorporate.beneficial_owners as object[];
    const result = registrationPayloadSchema.safeParse({
      ...seedCorporate,
      beneficial_owners: [{ ...owner, dob: "1990-02-30" }],
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["beneficial_owners", 0, "dob"]]);
  });
});
