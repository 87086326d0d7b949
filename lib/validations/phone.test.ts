import { describe, expect, it } from "vitest";
import { phoneCountryIssue, phoneNumberSchema } from "@/lib/validations/phone";

describe("phoneNumberSchema", () => {
  it.each(["+12223334444", "+14155552671", "+447911123456", "+33612345678"])("accepts %s", (phone) => {
    expect(phoneNumberSchema.safeParse(phone).success).toBe(true);
  });

  it.each([
    ["14155552671", "Enter a full phone number with its area code, for example 415 555 2671 in the US"],
    ["+1 415 555 2671", "Enter a full phone number with its area code, for example 415 555 2671 in the US"],
    ["+04155552671", "Enter a full phone number with its area code, for example 415 555 2671 in the US"],
    ["+141555", "Enter a full phone number with its area code, for example 415 555 2671 in the US"],
    ["+1415555267112345", "Enter a full phone number with its area code, for example 415 555 2671 in the US"],
    [" +14155552671", "Enter a full phone number with its area code, for example 415 555 2671 in the US"],
    ["+1415555267", "This phone number has the wrong number of digits for its country"],
  ])("refuses %j", (phone, message) => {
    expect(phoneNumberSchema.safeParse(phone).error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});

describe("phoneCountryIssue", () => {
  it("accepts a number with the country's calling code, shared codes included", () => {
    expect(phoneCountryIssue("+12223334444", "US")).toBeUndefined();
    expect(phoneCountryIssue("+12223334444", "CA")).toBeUndefined();
    expect(phoneCountryIssue("+447911123456", "GB")).toBeUndefined();
  });

  it("refuses a number from another calling code", () => {
    expect(phoneCountryIssue("+12223334444", "GB")).toBe(
      "The number must start with +44, the calling code of the chosen country",
    );
  });

  it("refuses every number for a country without a calling code", () => {
    expect(phoneCountryIssue("+6721234567", "AQ")).toBe(
      "Phone numbers of the chosen country are not supported",
    );
  });
});
