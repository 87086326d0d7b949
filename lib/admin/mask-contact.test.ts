import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone } from "./mask-contact";

describe("maskEmail", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j•••••••@example.com");
  });

  it("never shows a short local part whole", () => {
    expect(maskEmail("a@b.co")).toBe("a•••@b.co");
    expect(maskEmail("ab@b.co")).not.toContain("ab@");
  });

  it("hides something that is not an email at all", () => {
    expect(maskEmail("no-at-sign")).not.toContain("no-at");
    expect(maskEmail("")).toBe("•••");
  });
});

describe("maskPhone", () => {
  it("keeps the country code's first digit and the last four", () => {
    expect(maskPhone("+14155550123")).toBe("+1 ••••••0123");
    expect(maskPhone("+447700900123")).toBe("+4 •••••••0123");
  });

  it("never shows the middle digits", () => {
    expect(maskPhone("+14155550123")).not.toMatch(/415|555/);
  });

  it("hides very short numbers entirely", () => {
    expect(maskPhone("123")).toBe("••••");
  });
});

describe("maskEmail on long addresses", () => {
  it("shows at most eight dots", () => {
    expect(maskEmail("margaret.goldwasser.74@example.com")).toBe("m••••••••@example.com");
  });
});
