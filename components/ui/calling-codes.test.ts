import { getCountryCallingCode, isSupportedCountry } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { CALLING_CODES } from "@/components/ui/calling-codes";
import { COUNTRY_CODES } from "@/lib/validations/countries";

describe("CALLING_CODES", () => {
  it("has libphonenumber-js's calling code for every country with phone numbers, and no other country", () => {
    const expected = Object.fromEntries(
      COUNTRY_CODES.filter((code) => isSupportedCountry(code)).map((code) => [code, getCountryCallingCode(code as never)]),
    );
    expect(CALLING_CODES).toEqual(expected);
  });
});
