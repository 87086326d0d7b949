import { describe, expect, it } from "vitest";
import { businessSchema } from "@/lib/validations/business-step";

const base = {
  entity_name: "Sean Fox Hedge Fund",
  incorporation_country: "US",
  incorporation_state: "WY",
  incorporation_date: "2020-10-15",
  organization_type: "LLC",
  business_type: "Hedge Fund",
  registration_number: 123456789,
  description: "Crypto hedge fund",
  accredited_investor: true,
  non_agent_intermediary: true,
  principal_place_country: "US",
  principal_place_state: "CA",
  principal_place_address: "1234 Flower Street",
  principal_place_city: "Los Angeles",
  principal_place_postal_code: "90403",
};

function pathsOf(value: unknown) {
  return businessSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
}

describe("businessSchema", () => {
  it("accepts the seed business", () => {
    expect(pathsOf(base)).toBeUndefined();
  });

  it("takes a registration number as text or a positive whole number", () => {
    expect(pathsOf({ ...base, registration_number: "12-3456789" })).toBeUndefined();
    expect(pathsOf({ ...base, registration_number: -1 })).toEqual(["registration_number"]);
    expect(pathsOf({ ...base, registration_number: "12 34" })).toEqual(["registration_number"]);
  });

  it("takes the Robo-Advisor business type as one value", () => {
    expect(pathsOf({ ...base, business_type: "Robo-Advisor, or FX/CFD Provider" })).toBeUndefined();
    expect(pathsOf({ ...base, business_type: "Robo-Advisor" })).toEqual(["business_type"]);
  });

  it("refuses an unknown organization type", () => {
    expect(pathsOf({ ...base, organization_type: "GmbH" })).toEqual(["organization_type"]);
  });

  it("takes an optional http(s) website", () => {
    expect(pathsOf({ ...base, website: "https://sfox.com" })).toBeUndefined();
    expect(pathsOf({ ...base, website: "ftp://x.com" })).toEqual(["website"]);
    expect(pathsOf({ ...base, website: "" })).toEqual(["website"]);
  });

  it("needs US state codes for US incorporation and principal place", () => {
    expect(pathsOf({ ...base, incorporation_state: "Wyoming" })).toEqual(["incorporation_state"]);
    expect(pathsOf({ ...base, principal_place_state: "ZZ" })).toEqual(["principal_place_state"]);
    expect(pathsOf({ ...base, incorporation_country: "CA", incorporation_state: "Ontario" })).toBeUndefined();
  });

  it("needs a 5-digit ZIP for a US principal place", () => {
    expect(pathsOf({ ...base, principal_place_postal_code: "9040" })).toEqual([
      "principal_place_postal_code",
    ]);
    expect(
      pathsOf({
        ...base,
        principal_place_country: "GB",
        principal_place_state: "London",
        principal_place_postal_code: "EC1A1BB",
      }),
    ).toBeUndefined();
  });

  it("refuses a future or impossible incorporation date", () => {
    expect(pathsOf({ ...base, incorporation_date: "2023-02-30" })).toEqual(["incorporation_date"]);
    expect(pathsOf({ ...base, incorporation_date: "2999-01-01" })).toEqual(["incorporation_date"]);
  });

  it("takes booleans, not strings", () => {
    expect(pathsOf({ ...base, accredited_investor: "true" })).toEqual(["accredited_investor"]);
    expect(pathsOf({ ...base, non_agent_intermediary: 0 })).toEqual(["non_agent_intermediary"]);
  });

  it("refuses a blank description and entity name", () => {
    expect(pathsOf({ ...base, description: " " })).toEqual(["description"]);
    expect(pathsOf({ ...base, entity_name: "" })).toEqual(["entity_name"]);
  });
});
