import { describe, expect, it } from "vitest";
import { contactStepSchema } from "@/lib/validations/contact-step";

const base = {
  first_name: "Sean",
  last_name: "Fox",
  email: "sfox_connect@email.com",
  phone_country_code: "US",
  phone_number: "+12223334444",
};

function pathsOf(value: unknown) {
  return contactStepSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
}

describe("contactStepSchema", () => {
  it("accepts the seed contact", () => {
    expect(pathsOf(base)).toBeUndefined();
  });

  it("does not trim: a leading space in the email is refused", () => {
    expect(pathsOf({ ...base, email: " sfox_connect@email.com" })).toEqual(["email"]);
  });

  it("refuses blank names", () => {
    expect(pathsOf({ ...base, first_name: " " })).toEqual(["first_name"]);
    expect(pathsOf({ ...base, last_name: "" })).toEqual(["last_name"]);
  });

  it("refuses a lower-case phone_country_code", () => {
    expect(pathsOf({ ...base, phone_country_code: "us" })).toEqual(["phone_country_code"]);
  });

  it("puts a calling code that does not match the country on phone_number", () => {
    expect(pathsOf({ ...base, phone_country_code: "FR" })).toEqual(["phone_number"]);
    expect(pathsOf({ ...base, phone_country_code: "CA" })).toBeUndefined();
  });

  it("refuses a number that is not possible", () => {
    expect(pathsOf({ ...base, phone_number: "+1222333444" })).toEqual(["phone_number"]);
  });
});
