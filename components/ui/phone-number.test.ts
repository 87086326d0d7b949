import { describe, expect, it } from "vitest";
import { countryOfInternational, displayPhoneNumber, toE164OrRaw } from "@/components/ui/phone-number";

const allowed = new Set(["US", "CA", "GB", "GG", "FR", "RU", "KZ", "DE"]);

describe("toE164OrRaw", () => {
  it("returns the E.164 form of a national number", () => {
    expect(toE164OrRaw("(415) 555-2671", "US")).toBe("+14155552671");
    expect(toE164OrRaw("07700 900123", "GB")).toBe("+447700900123");
    expect(toE164OrRaw("+33 6 12 34 56 78", "US")).toBe("+33612345678");
  });

  it("returns what was typed when it does not parse", () => {
    expect(toE164OrRaw("  ", "US")).toBe("");
    expect(toE164OrRaw("abc", "US")).toBe("abc");
    expect(toE164OrRaw("1", "US")).toBe("1");
  });
});

describe("displayPhoneNumber", () => {
  it("shows a number of the chosen country in national format, others in international format", () => {
    expect(displayPhoneNumber("+14155552671", "US")).toBe("(415) 555-2671");
    expect(displayPhoneNumber("+14155552671", "CA")).toBe("(415) 555-2671");
    expect(displayPhoneNumber("+14155552671", "FR")).toBe("+1 415 555 2671");
    expect(displayPhoneNumber("", "US")).toBe("");
    expect(displayPhoneNumber("oops", "US")).toBe("oops");
  });
});

describe("countryOfInternational", () => {
  it("switches when the calling code has one country", () => {
    expect(countryOfInternational("+33", "US", allowed)).toBe("FR");
    expect(countryOfInternational("+49 30 1234567", "US", allowed)).toBe("DE");
  });

  it("waits for a valid number when the calling code is shared", () => {
    expect(countryOfInternational("+1", "FR", allowed)).toBeUndefined();
    expect(countryOfInternational("+7", "FR", allowed)).toBeUndefined();
    expect(countryOfInternational("+1 415 555 2671", "FR", allowed)).toBe("US");
    expect(countryOfInternational("+44 20 7946 0958", "FR", allowed)).toBe("GB");
  });

  it("keeps a country that already has the calling code, and ignores national numbers", () => {
    expect(countryOfInternational("+1 415 555 2671", "CA", allowed)).toBeUndefined();
    expect(countryOfInternational("06 12 34 56 78", "US", allowed)).toBeUndefined();
  });
});
