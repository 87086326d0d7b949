import { describe, expect, it } from "vitest";
import { codeProblemOf, dueVerification, resendWaitSeconds } from "./verification";

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

  it("tells a wrong, an expired and a locked code apart", () => {
    expect(codeProblemOf("otp: invalid code")).toBe("wrong");
    expect(codeProblemOf("otp: code expired, request a new code")).toBe("expired");
    expect(codeProblemOf("otp: too many attempts, request a new code")).toBe("locked");
    expect(codeProblemOf("otp: no code was sent for this type, request a code first")).toBe("missing");
  });
});
