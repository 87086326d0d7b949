import { describe, expect, it } from "vitest";
import type * as z from "@/lib/zod-mini";
import { COUNTRY_CODES } from "@/lib/validations/countries";
import {
  addressLineSchema,
  citySchema,
  countryCodeSchema,
  emailSchema,
  idNumberIssue,
  idNumberSchema,
  isEmailAddress,
  BROKEN_CHARACTER_MESSAGE,
  CONTROL_CHARACTERS_MESSAGE,
  nameSchema,
  postalCodeIssue,
  postalCodeSchema,
  regionSchema,
  registrationNumberSchema,
  subdivisionSchema,
  usStateIssue,
  userIdSchema,
  websiteSchema,
} from "@/lib/validations/primitives";
import { US_STATES } from "@/lib/validations/us-states";

function accepts(schema: z.ZodMiniType, value: unknown) {
  expect(schema.safeParse(value).error?.issues).toBeUndefined();
}

/** Expects exactly one issue and returns its message. */
function refusalOf(schema: z.ZodMiniType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  expect(result.error?.issues).toHaveLength(1);
  return result.error?.issues[0]?.message;
}

function refuses(schema: z.ZodMiniType, value: unknown): void {
  refusalOf(schema, value);
}

describe("reference lists", () => {
  it("has the 249 assigned country codes, unique", () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
  });

  it("has 50 states, DC and 5 territories", () => {
    expect(new Set(US_STATES.map((state) => state.code)).size).toBe(56);
  });
});

describe("countryCodeSchema", () => {
  it.each(["US", "GB", "AQ", "AX"])("accepts %s", (code) => accepts(countryCodeSchema, code));
  it.each(["us", "USA", "XK", "UK", "", " US"])("refuses %j", (code) => {
    refuses(countryCodeSchema, code);
  });
  it("says a missing value is required", () => {
    expect(refusalOf(countryCodeSchema, undefined)).toBe("This field is required");
  });
});

describe("nameSchema", () => {
  it.each(["Sean", " Sean", "A".repeat(100), "Ørsted"])("accepts %j", (name) => accepts(nameSchema, name));
  it.each(["", "   ", "\t", "A".repeat(101)])("refuses %j", (name) => refuses(nameSchema, name));
  it.each(["Ada\u0000", "Ada\u0007Lovelace", "\u001BAda"])("refuses control characters in %j, saying so", (name) =>
    expect(refusalOf(nameSchema, name)).toBe(CONTROL_CHARACTERS_MESSAGE),
  );
  // Lone surrogates come only from crafted requests, and PostgreSQL refuses them inside JSON.
  it.each(["\uD800", "Ada\uDBFF", "\uDC00Ada", "Ada\uDE00\uD83D"])("refuses the broken character in %j", (name) =>
    expect(refusalOf(nameSchema, name)).toBe(BROKEN_CHARACTER_MESSAGE),
  );
  it.each(["Ada 😀", "𝒜da", "李"])("accepts %j, whose surrogates are paired", (name) => accepts(nameSchema, name));
});

describe("userIdSchema", () => {
  it.each(["client_account_1", "a", "A-b_9", "x".repeat(64)])("accepts %j", (id) =>
    accepts(userIdSchema, id),
  );
  it.each(["", "a b", "a.b", "ä", "x".repeat(65)])("refuses %j", (id) => refuses(userIdSchema, id));
});

describe("emailSchema", () => {
  it.each([
    "sfox_connect@email.com",
    "first.last+tag@mail.example.org",
    "o'brien@example.ie",
    "x@a-b.co",
    `${"a".repeat(64)}@example.com`,
    "!#$%&'*+/=?^_`{|}~-@example.com",
  ])("accepts %j", (email) => accepts(emailSchema, email));

  it.each([
    " a@b.co",
    "a@b.co ",
    "a@b",
    "a@@b.co",
    "a@b@c.co",
    ".a@b.co",
    "a.@b.co",
    "a..b@b.co",
    `${"a".repeat(65)}@example.com`,
    "a@-b.co",
    "a@b-.co",
    "a@b..co",
    "a@b.c",
    "a@b.c0",
    `a@${"b".repeat(64)}.co`,
    "a b@c.co",
    '"a"@b.co',
    "a@[127.0.0.1]",
  ])("refuses %j", (email) => {
    expect(refusalOf(emailSchema, email)).toBe("Enter a valid email address");
  });

  it("stops at 254 characters", () => {
    const at254 = `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(56)}.com`;
    expect(at254).toHaveLength(254);
    expect(isEmailAddress(at254)).toBe(true);
    expect(isEmailAddress(`a${at254}`)).toBe(false);
  });
});

describe("addressLineSchema and citySchema", () => {
  it.each(["123 sFOX Lane", "1 Straße", "A"])("accepts the address %j", (line) =>
    accepts(addressLineSchema, line),
  );
  it.each(["1234", "", "  ", "12 34", `${"Lane ".repeat(16)}x`])("refuses the address %j", (line) => {
    refuses(addressLineSchema, line);
  });
  it.each(["Los Angeles", "東京"])("accepts the city %j", (city) => accepts(citySchema, city));
  it.each(["", "90403", "C".repeat(101)])("refuses the city %j", (city) => refuses(citySchema, city));
});

describe("postal codes", () => {
  it.each(["90403", "SW1A2AA", "M5X1A9", "12"])("accepts %j anywhere", (code) =>
    accepts(postalCodeSchema, code),
  );
  it.each(["1", "SW1A 2AA", "12345678901", "94105-1234", ""])("refuses %j anywhere", (code) => {
    refuses(postalCodeSchema, code);
  });
  it("requires exactly 5 digits in the US", () => {
    expect(postalCodeIssue("90403", "US")).toBeUndefined();
    expect(postalCodeIssue("9040", "US")).toBe("Enter a 5-digit ZIP code");
    expect(postalCodeIssue("ABCDE", "US")).toBe("Enter a 5-digit ZIP code");
    expect(postalCodeIssue("9040", "CA")).toBeUndefined();
  });
});

describe("states and subdivisions", () => {
  it("takes a US state code for the US and any text elsewhere", () => {
    expect(usStateIssue("CA", "US")).toBeUndefined();
    expect(usStateIssue("PR", "US")).toBeUndefined();
    expect(usStateIssue("ZZ", "US")).toBe("Use the 2-letter state code, for example CA");
    expect(usStateIssue("ca", "US")).toBeDefined();
    expect(usStateIssue("Greater London", "GB")).toBeUndefined();
  });
  it.each(["Ontario", "ON"])("accepts the region %j", (region) => accepts(regionSchema, region));
  it.each(["", " ", "R".repeat(101)])("refuses the region %j", (region) => refuses(regionSchema, region));
  it.each(["ON", "CA", "9", "BCN"])("accepts the subdivision %j", (code) => accepts(subdivisionSchema, code));
  it.each(["on", "CA-ON", "ABCD", ""])("refuses the subdivision %j", (code) =>
    refuses(subdivisionSchema, code),
  );
});

describe("id numbers", () => {
  it.each(["123456789", "K1234", "A".repeat(20)])("accepts %j", (id) => accepts(idNumberSchema, id));
  it.each(["K123", "A".repeat(21), "123-45-6789", "K 12345"])("refuses %j", (id) =>
    refuses(idNumberSchema, id),
  );
  it("requires 9 digits for an SSN", () => {
    expect(idNumberIssue("123456789", "ssn")).toBeUndefined();
    expect(idNumberIssue("12345678", "ssn")).toBeDefined();
    expect(idNumberIssue("A23456789", "ssn")).toBeDefined();
    expect(idNumberIssue("K1234", "passport")).toBeUndefined();
  });
});

describe("websiteSchema", () => {
  it("refuses a broken character in the path", () =>
    expect(refusalOf(websiteSchema, "https://sfox.com/\uD800")).toBe(BROKEN_CHARACTER_MESSAGE));
  it.each(["https://sfox.com", "http://sfox.com/about?x=1", "https://localhost:3000"])(
    "accepts %j",
    (url) => {
      accepts(websiteSchema, url);
    },
  );
  it.each([
    "ftp://x.com",
    "sfox.com",
    "https://",
    "https:// sfox.com",
    " https://sfox.com",
    "mailto:a@b.co",
    `https://sfox.com/${"a".repeat(184)}`,
  ])("refuses %j", (url) => refuses(websiteSchema, url));
});

describe("registrationNumberSchema", () => {
  it.each([123456789, "12-3456789", "AB123", "1"])("accepts %j", (value) =>
    accepts(registrationNumberSchema, value),
  );
  it.each([-5, 0, 1.5, "", "12 34", "1".repeat(51), true, null])("refuses %j", (value) => {
    refuses(registrationNumberSchema, value);
  });
});
