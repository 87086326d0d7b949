import { describe, expect, it } from "vitest";
import { registrationPayloadSchema } from "@/lib/validations/registration";
import { registrationCases } from "@/test/fixtures/registration-cases";

/** `["beneficial_owners", 1, "dob"]` -> `beneficial_owners[1].dob`, the fixture's notation. */
function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
}

describe("shared registration cases", () => {
  it("have distinct user ids", () => {
    const ids = registrationCases.map((c) => (c.payload as { user_id?: unknown }).user_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(registrationCases.filter((c) => c.valid))("valid: $name", ({ payload }) => {
    it("is accepted", () => {
      const result = registrationPayloadSchema.safeParse(payload);
      expect(result.error?.issues).toBeUndefined();
    });
  });

  describe.each(registrationCases.filter((c) => !c.valid))("invalid: $name", ({ payload, field }) => {
    it(`is refused on ${field}`, () => {
      const result = registrationPayloadSchema.safeParse(payload);
      expect(result.success).toBe(false);
      const paths = result.error?.issues.map((issue) => dotted(issue.path)) ?? [];
      expect(paths).toContain(field);
    });
  });
});
