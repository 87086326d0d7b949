import { describe, expect, it } from "vitest";
import { identityStepSchema, individualSchema } from "@/lib/validations/identity-step";

const us = {
  dob: "1990-10-15",
  residential_country_code: "US",
  residential_address: "123 sFOX Lane",
  residential_city: "Los Angeles",
  residential_state: "CA",
  residential_postal_code: "90403",
  id_type: "ssn",
  id_number: "123456789",
  id_country_code: "US",
};

const gb = {
  ...us,
  residential_country_code: "GB",
  residential_city: "London",
  residential_state: "Greater London",
  residential_postal_code: "SW1A2AA",
  id_type: "passport",
  id_number: "K12345678",
  id_country_code: "GB",
};

function pathsOf(value: unknown) {
  return individualSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
}

describe("individualSchema", () => {
  it("accepts a US resident with an SSN and a UK resident with a passport", () => {
    expect(pathsOf(us)).toBeUndefined();
    expect(pathsOf(gb)).toBeUndefined();
  });

  it("refuses a minor", () => {
    expect(pathsOf({ ...us, dob: new Date().toISOString().slice(0, 10) })).toEqual(["dob"]);
  });

  it("needs a US state code for a US resident, any text elsewhere", () => {
    expect(pathsOf({ ...us, residential_state: "ZZ" })).toEqual(["residential_state"]);
    expect(pathsOf({ ...gb, residential_state: "ZZ" })).toBeUndefined();
    expect(pathsOf({ ...gb, residential_state: " " })).toEqual(["residential_state"]);
  });

  it("needs a 5-digit postal code in the US, 2-10 letters or digits elsewhere", () => {
    expect(pathsOf({ ...us, residential_postal_code: "9040" })).toEqual(["residential_postal_code"]);
    expect(pathsOf({ ...gb, residential_postal_code: "9040" })).toBeUndefined();
    expect(pathsOf({ ...gb, residential_postal_code: "SW1A 2AA" })).toEqual(["residential_postal_code"]);
  });

  it("refuses an SSN from a non-US resident on id_type", () => {
    expect(pathsOf({ ...gb, id_type: "ssn", id_number: "123456789", id_country_code: "US" })).toEqual([
      "id_type",
    ]);
  });

  it("refuses an SSN issued outside the US on id_country_code", () => {
    expect(pathsOf({ ...us, id_country_code: "CA" })).toEqual(["id_country_code"]);
  });

  it("checks the id number by type", () => {
    expect(pathsOf({ ...us, id_number: "K12345678" })).toEqual(["id_number"]);
    expect(pathsOf({ ...us, id_type: "passport", id_number: "K12345678" })).toBeUndefined();
    expect(pathsOf({ ...gb, id_number: "K123" })).toEqual(["id_number"]);
  });

  it("refuses an address without a letter and a city over 100 chars", () => {
    expect(pathsOf({ ...us, residential_address: "1234" })).toEqual(["residential_address"]);
    expect(pathsOf({ ...us, residential_city: "L".repeat(101) })).toEqual(["residential_city"]);
  });
});

describe("identityStepSchema", () => {
  it("nests the issues under individual", () => {
    const result = identityStepSchema.safeParse({ individual: { ...us, residential_state: "ZZ" } });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["individual", "residential_state"]]);
  });
});
