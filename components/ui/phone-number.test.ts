import { describe, expect, it } from "vitest";
import * as phoneNumbers from "libphonenumber-js";
import {
  callingCodeOf,
  countryOfInternational,
  displayPhoneNumber,
  loadPhoneNumbers,
  pickerCountryOf,
  toE164OrRaw,
} from "@/components/ui/phone-number";

const allowed = new Set(["US", "CA", "GB", "GG", "FR", "RU", "KZ", "DE"]);

describe("toE164OrRaw", () => {
  it("returns the E.164 form of a national number", () => {
    expect(toE164OrRaw(phoneNumbers, "(415) 555-2671", "US")).toBe("+14155552671");
    expect(toE164OrRaw(phoneNumbers, "07700 900123", "GB")).toBe("+447700900123");
    expect(toE164OrRaw(phoneNumbers, "+33 6 12 34 56 78", "US")).toBe("+33612345678");
  });

  it("returns what was typed when it does not parse", () => {
    expect(toE164OrRaw(phoneNumbers, "  ", "US")).toBe("");
    expect(toE164OrRaw(phoneNumbers, "abc", "US")).toBe("abc");
    expect(toE164OrRaw(phoneNumbers, "1", "US")).toBe("1");
  });
});

describe("displayPhoneNumber", () => {
  it("shows a number of the chosen country in national format, others in international format", () => {
    expect(displayPhoneNumber(phoneNumbers, "+14155552671", "US")).toBe("(415) 555-2671");
    expect(displayPhoneNumber(phoneNumbers, "+14155552671", "CA")).toBe("(415) 555-2671");
    expect(displayPhoneNumber(phoneNumbers, "+14155552671", "FR")).toBe("+1 415 555 2671");
    expect(displayPhoneNumber(phoneNumbers, "", "US")).toBe("");
    expect(displayPhoneNumber(phoneNumbers, "oops", "US")).toBe("oops");
  });
});

describe("countryOfInternational", () => {
  it("switches when the calling code has one country", () => {
    expect(countryOfInternational(phoneNumbers, "+33", "US", allowed)).toBe("FR");
    expect(countryOfInternational(phoneNumbers, "+49 30 1234567", "US", allowed)).toBe("DE");
  });

  it("waits for a valid number when the calling code is shared", () => {
    expect(countryOfInternational(phoneNumbers, "+1", "FR", allowed)).toBeUndefined();
    expect(countryOfInternational(phoneNumbers, "+7", "FR", allowed)).toBeUndefined();
    expect(countryOfInternational(phoneNumbers, "+1 415 555 2671", "FR", allowed)).toBe("US");
    expect(countryOfInternational(phoneNumbers, "+44 20 7946 0958", "FR", allowed)).toBe("GB");
  });

  it("keeps a country that already has the calling code, and ignores national numbers", () => {
    expect(countryOfInternational(phoneNumbers, "+1 415 555 2671", "CA", allowed)).toBeUndefined();
    expect(countryOfInternational(phoneNumbers, "06 12 34 56 78", "US", allowed)).toBeUndefined();
  });
});

describe("pickerCountryOf", () => {
  it("prefers a candidate sharing the number's calling code, else the number's own country", () => {
    expect(pickerCountryOf(phoneNumbers, "+14155552671", ["FR", "CA"])).toBe("CA");
    expect(pickerCountryOf(phoneNumbers, "+14155552671", ["FR"])).toBe("US");
    expect(pickerCountryOf(phoneNumbers, "", ["US"])).toBeUndefined();
    expect(pickerCountryOf(phoneNumbers, "oops", ["US"])).toBeUndefined();
  });
});

describe("callingCodeOf", () => {
  it("answers without the phone number library, and nothing for regions without phone numbers", () => {
    expect(callingCodeOf("US")).toBe("1");
    expect(callingCodeOf("GB")).toBe("44");
    expect(callingCodeOf("AQ")).toBeUndefined();
  });
});

describe("loadPhoneNumbers", () => {
  it("fetches libphonenumber-js once", async () => {
    const first = loadPhoneNumbers();
    expect(loadPhoneNumbers()).toBe(first);
    expect((await first).parsePhoneNumberFromString).toBe(phoneNumbers.parsePhoneNumberFromString);
  });
});
