import { describe, expect, it } from "vitest";
import * as z from "@/lib/zod-mini";

// Nothing else is imported here, so classic zod (which sets the same two things) is not loaded.
describe("lib/zod-mini", () => {
  it("never lets zod probe for eval (the pages' CSP forbids it)", () => {
    expect(z.config().jitless).toBe(true);
  });

  it("words the messages a schema does not set in English, as classic zod does, not as a bare 'Invalid input'", () => {
    expect(z.object({ name: z.string() }).safeParse({ name: 1 }).error?.issues[0]?.message).toBe(
      "Invalid input: expected string, received number",
    );
  });
});
