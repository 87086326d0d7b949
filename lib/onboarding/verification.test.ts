import { describe, expect, it } from "vitest";
import type { OnboardingDraft } from "./draft";
import { codeProblemOf, describeWait, dueVerification, MAX_CODES_PER_HOUR, recordCodeSent, resendWaitSeconds } from "./verification";

describe("verification", () => {
  it("asks for email first, then SMS, then nothing", () => {
    expect(dueVerification({ requirements: { email: true, sms: true } })).toBe("email");
    expect(dueVerification({ requirements: { email: false, sms: true } })).toBe("sms");
    expect(dueVerification({ requirements: { email: false, sms: false } })).toBeNull();
    expect(dueVerification({ requirements: { email: true } })).toBe("email");
    expect(dueVerification(undefined)).toBe("email");
  });

  it("counts down the resend wait from the last send", () => {
    const now = Date.parse("2026-01-01T00:00:40Z");
    const draft = { completed: [], verification: { email: { sentAt: "2026-01-01T00:00:20Z" } } };
    expect(resendWaitSeconds(draft, "email", now)).toBe(10);
    expect(resendWaitSeconds(draft, "sms", now)).toBe(0);
    expect(resendWaitSeconds(draft, "email", now + 60_000)).toBe(0);
  });

  it("allows at most 5 codes of a type in any hour, then says how long until the next", () => {
    const start = Date.parse("2026-01-01T10:00:00Z");
    let draft: OnboardingDraft = { completed: [] };
    for (let i = 0; i < MAX_CODES_PER_HOUR; i++) {
      const at = start + i * 60_000;
      expect(resendWaitSeconds(draft, "email", at)).toBe(0);
      draft = { ...draft, verification: recordCodeSent(draft, "email", at) };
    }
    // The fifth code was sent at 10:04; the first at 10:00 leaves the hour at 11:00.
    const afterFifth = start + 5 * 60_000;
    expect(resendWaitSeconds(draft, "email", afterFifth)).toBe(55 * 60);
    expect(resendWaitSeconds(draft, "sms", afterFifth)).toBe(0);
    expect(resendWaitSeconds(draft, "email", start + 60 * 60_000)).toBe(0);
    // Only the last hour's sends are kept: at 11:01, those of 10:02, 10:03, 10:04 and the new one.
    draft = { ...draft, verification: recordCodeSent(draft, "email", start + 61 * 60_000) };
    expect(draft.verification?.email?.recent).toHaveLength(4);
    expect(draft.verification?.email?.recent?.[0]).toBe("2026-01-01T10:02:00.000Z");
  });

  it("reads a draft written before the hourly limit (only the last send)", () => {
    const draft = { completed: [], verification: { sms: { sentAt: "2026-01-01T00:00:00Z" } } };
    expect(resendWaitSeconds(draft, "sms", Date.parse("2026-01-01T00:00:10Z"))).toBe(20);
  });

  it("says short waits in seconds and long ones in minutes", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(3300)).toBe("55 minutes");
  });

  it("tells a wrong, an expired and a locked code apart", () => {
    expect(codeProblemOf("otp: invalid code")).toBe("wrong");
    expect(codeProblemOf("otp: code expired, request a new code")).toBe("expired");
    expect(codeProblemOf("otp: too many attempts, request a new code")).toBe("locked");
    expect(codeProblemOf("otp: no code was sent for this type, request a code first")).toBe("missing");
  });
});
