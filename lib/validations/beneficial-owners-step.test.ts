import { describe, expect, it } from "vitest";
import {
  beneficialOwnerSchema,
  beneficialOwnersFormSchema,
  beneficialOwnersStepSchema,
  toWireBeneficialOwners,
  type BeneficialOwnerFormInput,
} from "@/lib/validations/beneficial-owners-step";

const seedOwner = {
  first_name: "Sean",
  middle_name: "",
  last_name: "Fox",
  email: "sfox_connect@email.com",
  dob: "1990-10-15",
  phone_number: "+12223334444",
  id_type: "ssn",
  id_issuing_country: "US",
  address_street1: "123 sFOX Lane",
  address_city: "Los Angeles",
  address_subdivision: "CA",
  address_country_code: "US",
  address_postal_code: "90403",
  ssn: "123456789",
};

const canadian = {
  first_name: "Marie",
  last_name: "Curie",
  email: "marie@example.ca",
  phone_number: "+14165550123",
  dob: "1980-11-07",
  address_country_code: "CA",
  address_subdivision: "ON",
  address_street1: "100 King Street West",
  address_city: "Toronto",
  address_postal_code: "M5X1A9",
  id_type: "passport",
  id_country_code: "CA",
  id_number: "AB123456",
};

function pathsOf(value: unknown) {
  return beneficialOwnerSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
}

function withoutKeys(value: Record<string, unknown>, ...keys: string[]) {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

describe("beneficialOwnerSchema", () => {
  it("accepts both id spellings", () => {
    expect(pathsOf(seedOwner)).toBeUndefined();
    expect(pathsOf(canadian)).toBeUndefined();
    expect(pathsOf({ ...seedOwner, id_country_code: "US", id_number: "123456789" })).toBeUndefined();
  });

  it("keeps the spelling it was given", () => {
    const owner = beneficialOwnerSchema.parse(seedOwner);
    expect(owner.id_issuing_country).toBe("US");
    expect(owner.ssn).toBe("123456789");
    expect(owner.id_country_code).toBeUndefined();
  });

  it("reports unequal or missing spellings under the documented name", () => {
    expect(pathsOf({ ...seedOwner, id_country_code: "CA" })).toEqual(["id_country_code"]);
    expect(pathsOf({ ...seedOwner, id_number: "987654321" })).toEqual(["id_number"]);
    expect(pathsOf(withoutKeys(seedOwner, "id_issuing_country"))).toEqual(["id_country_code"]);
    expect(pathsOf(withoutKeys(seedOwner, "ssn"))).toEqual(["id_number"]);
    expect(pathsOf({ ...seedOwner, id_issuing_country: "us" })).toEqual(["id_country_code"]);
    expect(pathsOf({ ...seedOwner, id_issuing_country: 1 })).toEqual(["id_country_code"]);
    expect(pathsOf({ ...seedOwner, ssn: "12345678" })).toEqual(["id_number"]);
  });

  it("allows an SSN only for a US address, issued by the US", () => {
    expect(pathsOf({ ...canadian, id_type: "ssn", id_country_code: "US", id_number: "123456789" })).toEqual([
      "id_type",
    ]);
    expect(pathsOf({ ...seedOwner, id_issuing_country: "CA" })).toEqual(["id_country_code"]);
  });

  it("checks subdivision and postal code against the address country", () => {
    expect(pathsOf({ ...seedOwner, address_subdivision: "ZZ" })).toEqual(["address_subdivision"]);
    expect(pathsOf({ ...canadian, address_subdivision: "Ontario" })).toEqual(["address_subdivision"]);
    expect(pathsOf({ ...seedOwner, address_postal_code: "9040" })).toEqual(["address_postal_code"]);
    expect(pathsOf({ ...canadian, address_postal_code: "M5X 1A9" })).toEqual(["address_postal_code"]);
  });

  it("limits middle_name and address_street2", () => {
    expect(pathsOf({ ...seedOwner, middle_name: "M".repeat(101) })).toEqual(["middle_name"]);
    expect(pathsOf({ ...seedOwner, address_street2: "Suite 5" })).toBeUndefined();
    expect(pathsOf({ ...seedOwner, address_street2: "S".repeat(81) })).toEqual(["address_street2"]);
  });
});

describe("beneficialOwnersStepSchema", () => {
  it("takes 1 to 10 owners", () => {
    const step = (count: number) => ({ beneficial_owners: Array.from({ length: count }, () => seedOwner) });
    expect(beneficialOwnersStepSchema.safeParse(step(1)).success).toBe(true);
    expect(beneficialOwnersStepSchema.safeParse(step(10)).success).toBe(true);
    expect(beneficialOwnersStepSchema.safeParse(step(0)).error?.issues[0]?.path).toEqual([
      "beneficial_owners",
    ]);
    expect(beneficialOwnersStepSchema.safeParse(step(11)).error?.issues[0]?.path).toEqual([
      "beneficial_owners",
    ]);
  });

  it("puts an owner's issue on its index", () => {
    const result = beneficialOwnersStepSchema.safeParse({
      beneficial_owners: [canadian, { ...seedOwner, dob: "2999-01-01" }],
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["beneficial_owners", 1, "dob"]]);
  });
});

describe("beneficialOwnersFormSchema", () => {
  const form = (...percentages: unknown[]) => ({
    beneficial_owners: percentages.map((ownership_percentage) => ({ ...canadian, ownership_percentage })),
  });

  function issuesOf(value: unknown) {
    return beneficialOwnersFormSchema
      .safeParse(value)
      .error?.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  }

  it("accepts shares of 25-100 adding up to at most 100", () => {
    expect(issuesOf(form(100))).toBeUndefined();
    expect(issuesOf(form(25, 25, 25, 25))).toBeUndefined();
    expect(issuesOf(form(60, 40))).toBeUndefined();
    expect(issuesOf(form(33.5, 33.5, 33))).toBeUndefined();
    // Binary floating point sums these to 100.00000000000001; a person means 100.
    expect(issuesOf(form(25.1, 39.2, 35.7))).toBeUndefined();
  });

  it("refuses a share under 25 or over 100 on that owner", () => {
    expect(issuesOf(form(50, 24.9))).toEqual([
      {
        path: ["beneficial_owners", 1, "ownership_percentage"],
        message: "Enter a percentage between 25 and 100",
      },
    ]);
    expect(issuesOf(form(101))?.[0]?.path).toEqual(["beneficial_owners", 0, "ownership_percentage"]);
  });

  it("refuses a missing or non-numeric share", () => {
    expect(issuesOf(form(undefined))?.[0]?.path).toEqual(["beneficial_owners", 0, "ownership_percentage"]);
    expect(issuesOf(form(Number.NaN))?.[0]?.path).toEqual(["beneficial_owners", 0, "ownership_percentage"]);
    expect(issuesOf(form("50"))?.[0]?.path).toEqual(["beneficial_owners", 0, "ownership_percentage"]);
  });

  it("refuses a total over 100 on the last owner's share", () => {
    expect(issuesOf(form(50, 30, 25))).toEqual([
      {
        path: ["beneficial_owners", 2, "ownership_percentage"],
        message: "Ownership adds up to 105%; the total can be at most 100%",
      },
    ]);
    expect(issuesOf(form(50, 50.01))?.[0]?.message).toBe("Ownership adds up to 100.01%; the total can be at most 100%");
  });

  it("still checks each owner's wire fields", () => {
    const value = { beneficial_owners: [{ ...canadian, ownership_percentage: 50, id_type: "ssn" }] };
    expect(issuesOf(value)?.map((issue) => issue.path)).toContainEqual(["beneficial_owners", 0, "id_type"]);
  });
});

describe("toWireBeneficialOwners", () => {
  it("drops ownership_percentage and keeps the rest as it was", () => {
    const parsed = beneficialOwnersFormSchema.parse({
      beneficial_owners: [
        { ...canadian, ownership_percentage: 60 },
        { ...seedOwner, ownership_percentage: 40 },
      ],
    });
    const owners: BeneficialOwnerFormInput[] = parsed.beneficial_owners;
    const wire = toWireBeneficialOwners(owners);
    expect(wire).toEqual([canadian, seedOwner]);
    expect(wire.every((owner) => !("ownership_percentage" in owner))).toBe(true);
    expect(beneficialOwnersStepSchema.safeParse({ beneficial_owners: wire }).success).toBe(true);
  });
});
