// The shared fixture table (test/fixtures/registration-cases.ts), also run against the app's
// schemas: the sandbox must agree with it case by case. Cases are posted in order to one fresh
// sandbox, as the table asks (the corporate seed creates the advisor the individual seed links).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrationCases } from "../test/fixtures/registration-cases";
import type { SandboxHandle } from "./server";
import { post, REGISTER, start } from "./test-helpers";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

const used = new Set<string>();

/** Replaces only `user_id`, and only if an earlier case already took it (the table's ids are distinct). */
function withFreeUserId(payload: unknown, index: number): unknown {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return payload;
  const p = payload as Record<string, unknown>;
  if (typeof p.user_id !== "string") return payload;
  if (!used.has(p.user_id)) {
    used.add(p.user_id);
    return payload;
  }
  const fresh = `fixture_case_${index}`;
  used.add(fresh);
  return { ...p, user_id: fresh };
}

describe("shared registration cases against the sandbox", () => {
  // Sequential on purpose: order matters for the advisor link.
  registrationCases.forEach((c, index) => {
    it(`${c.valid ? "accepts" : `refuses on ${c.field}`}: ${c.name}`, async () => {
      const r = await post(sb, REGISTER, withFreeUserId(c.payload, index));
      if (c.valid) {
        expect(r.json?.error).toBeUndefined();
        expect(r.status).toBe(202);
      } else {
        expect(r.status).toBe(422);
        expect(String(r.json?.error)).toMatch(new RegExp(`^${(c.field ?? "").replace(/[[\].]/g, "\\$&")}: `));
      }
    });
  });
});
