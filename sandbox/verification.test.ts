// send-verification / verify and the review that follows: order rules, lockout, expiry,
// cooldown, automatic review and manual decisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxHandle } from "./server";
import {
  corporation,
  get,
  individual,
  latestCode,
  post,
  register,
  sleep,
  start,
  verifyType,
  waitFor,
} from "./test-helpers";
import { MESSAGES } from "./verification";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start({ reviewMs: 100 });
});
afterAll(async () => {
  await sb.close();
});

const send = (s: SandboxHandle, id: string, body: unknown) =>
  post(s, `/v1/enterprise/users/send-verification/${id}`, body);
const verify = (s: SandboxHandle, id: string, body: unknown) =>
  post(s, `/v1/enterprise/users/verify/${id}`, body);
const status = async (s: SandboxHandle, id: string) => (await get(s, `/v1/enterprise/users/${id}`)).json.data;

/** A six-digit code guaranteed to differ from `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("send-verification", () => {
  it("sends an email code: documented reply, 6 digits in the outbox", async () => {
    const p = individual();
    await register(sb, p);
    const r = await send(sb, p.user_id, { type: "email" });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ data: { user_id: p.user_id, type: "email", email: "ada@example.com" } });
    const box = await get(sb, `/_sandbox/outbox?user_id=${p.user_id}`, { key: null });
    expect(box.json.data).toHaveLength(1);
    expect(box.json.data[0]).toMatchObject({ user_id: p.user_id, type: "email", to: "ada@example.com" });
    expect(box.json.data[0].code).toMatch(/^\d{6}$/);
    expect(Date.parse(box.json.data[0].sent_at)).not.toBeNaN();
  });

  it("sms reply uses phone_number, and only after email is verified", async () => {
    const p = individual();
    await register(sb, p);
    const early = await send(sb, p.user_id, { type: "sms" });
    expect(early.status).toBe(422);
    expect(early.json).toEqual({ error: "type: email must be verified before an sms code can be sent" });

    await verifyType(sb, p.user_id, "email");
    const r = await send(sb, p.user_id, { type: "sms" });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ data: { user_id: p.user_id, type: "sms", phone_number: "+14155552671" } });
    const box = await get(sb, `/_sandbox/outbox?user_id=${p.user_id}`, { key: null });
    expect(box.json.data.map((e: { type: string; to: string }) => [e.type, e.to])).toEqual([
      ["email", "ada@example.com"],
      ["sms", "+14155552671"],
    ]);
  });

  it("corporations verify email only", async () => {
    const c = corporation();
    await register(sb, c);
    const sms = await send(sb, c.user_id, { type: "sms" });
    expect(sms.status).toBe(422);
    expect(sms.json.error).toBe(MESSAGES.smsForCorporation);
    await verifyType(sb, c.user_id, "email");
    const again = await send(sb, c.user_id, { type: "sms" });
    expect(again.json.error).toBe(MESSAGES.smsForCorporation);
  });

  it("answers the documented 422 when already verified", async () => {
    const p = individual();
    await register(sb, p);
    await verifyType(sb, p.user_id, "email");
    const email = await send(sb, p.user_id, { type: "email" });
    expect(email.status).toBe(422);
    expect(email.json).toEqual({ error: "Email already verified" });
    await verifyType(sb, p.user_id, "sms");
    const sms = await send(sb, p.user_id, { type: "sms" });
    expect(sms.json).toEqual({ error: "Phone already verified" });
  });

  it("answers 404 for an unknown user and 422 naming type for a bad type", async () => {
    expect((await send(sb, "nobody", { type: "email" })).status).toBe(404);
    const p = individual();
    await register(sb, p);
    for (const body of [{}, { type: "EMAIL" }, { type: 1 }, { type: null }]) {
      const r = await send(sb, p.user_id, body);
      expect(r.status).toBe(422);
      expect(r.json).toEqual({ error: "type: must be email or sms" });
    }
  });

  it("a new send replaces the previous code", async () => {
    const p = individual();
    await register(sb, p);
    await send(sb, p.user_id, { type: "email" });
    const first = await latestCode(sb, p.user_id, "email");
    await send(sb, p.user_id, { type: "email" });
    const second = await latestCode(sb, p.user_id, "email");
    if (first !== second) {
      const old = await verify(sb, p.user_id, { type: "email", otp: first });
      expect(old.json).toEqual({ error: MESSAGES.invalid });
    }
    expect((await verify(sb, p.user_id, { type: "email", otp: second })).status).toBe(200);
  });

  it("refuses a second send within the cooldown with 429 and Retry-After", async () => {
    const s = await start({ codeCooldownMs: 3_000 });
    try {
      const p = individual();
      await register(s, p);
      expect((await send(s, p.user_id, { type: "email" })).status).toBe(200);
      const again = await send(s, p.user_id, { type: "email" });
      expect(again.status).toBe(429);
      expect(again.json).toEqual({ error: MESSAGES.cooldown });
      const retry = Number(again.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(3);
    } finally {
      await s.close();
    }
  });
});

describe("verify", () => {
  it("confirms the right code with the documented reply and clears the requirement", async () => {
    const p = individual();
    await register(sb, p);
    await send(sb, p.user_id, { type: "email" });
    const otp = await latestCode(sb, p.user_id, "email");
    const r = await verify(sb, p.user_id, { type: "email", otp });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ data: { success: true, user_id: p.user_id, type: "email" } });
    expect((await status(sb, p.user_id)).requirements).toEqual({ email: false, sms: true });
  });

  it("answers 422 when no code was requested", async () => {
    const p = individual();
    await register(sb, p);
    const r = await verify(sb, p.user_id, { type: "email", otp: "123456" });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ error: MESSAGES.noCode });
  });

  it("requires otp as a string", async () => {
    const p = individual();
    await register(sb, p);
    await send(sb, p.user_id, { type: "email" });
    const num = await verify(sb, p.user_id, { type: "email", otp: 123456 });
    expect(num.json).toEqual({ error: MESSAGES.otpNotString });
    const none = await verify(sb, p.user_id, { type: "email" });
    expect(none.json).toEqual({ error: MESSAGES.otpRequired });
    const badType = await verify(sb, p.user_id, { type: "fax", otp: "1" });
    expect(badType.json).toEqual({ error: MESSAGES.badType });
    expect((await verify(sb, "nobody", { type: "email", otp: "1" })).status).toBe(404);
  });

  it("locks the code after 5 wrong attempts, even for the right code, until a new one is sent", async () => {
    const p = individual();
    await register(sb, p);
    await send(sb, p.user_id, { type: "email" });
    const otp = await latestCode(sb, p.user_id, "email");
    for (let i = 1; i <= 4; i++) {
      const r = await verify(sb, p.user_id, { type: "email", otp: wrong(otp) });
      expect(r.status).toBe(422);
      expect(r.json).toEqual({ error: "otp: invalid code" });
    }
    const fifth = await verify(sb, p.user_id, { type: "email", otp: wrong(otp) });
    expect(fifth.json).toEqual({ error: "otp: too many attempts, request a new code" });
    const right = await verify(sb, p.user_id, { type: "email", otp });
    expect(right.status).toBe(422);
    expect(right.json).toEqual({ error: "otp: too many attempts, request a new code" });

    await send(sb, p.user_id, { type: "email" });
    const fresh = await latestCode(sb, p.user_id, "email");
    expect((await verify(sb, p.user_id, { type: "email", otp: fresh })).status).toBe(200);
  });

  it("refuses an expired code", async () => {
    const s = await start({ codeTtlMs: 60 });
    try {
      const p = individual();
      await register(s, p);
      await send(s, p.user_id, { type: "email" });
      const otp = await latestCode(s, p.user_id, "email");
      await sleep(90);
      const r = await verify(s, p.user_id, { type: "email", otp });
      expect(r.status).toBe(422);
      expect(r.json).toEqual({ error: "otp: code expired, request a new code" });
    } finally {
      await s.close();
    }
  });
});

describe("review", () => {
  it("verifies an individual SANDBOX_REVIEW_MS after the last requirement, not before", async () => {
    const p = individual();
    await register(sb, p);
    await verifyType(sb, p.user_id, "email");
    expect((await status(sb, p.user_id)).status).toBe("PENDING");
    await verifyType(sb, p.user_id, "sms");
    const cleared = await status(sb, p.user_id);
    expect(cleared).toMatchObject({ status: "PENDING", requirements: { email: false, sms: false } });
    await waitFor(async () => ((await status(sb, p.user_id)).status === "VERIFIED" ? true : undefined));
  });

  it("verifies a corporation after email alone", async () => {
    const c = corporation();
    await register(sb, c);
    await verifyType(sb, c.user_id, "email");
    await waitFor(async () => ((await status(sb, c.user_id)).status === "VERIFIED" ? true : undefined));
  });

  it("with SANDBOX_AUTO_REVIEW=false stays PENDING until a decision", async () => {
    const s = await start({ autoReview: false, reviewMs: 10 });
    try {
      const c = corporation();
      await register(s, c);
      await verifyType(s, c.user_id, "email");
      await sleep(80);
      expect((await status(s, c.user_id)).status).toBe("PENDING");
      const d = await post(
        s,
        `/_sandbox/users/${c.user_id}/decision`,
        { status: "UNSUPPORTED" },
        { key: null },
      );
      expect(d.status).toBe(200);
      expect(d.json.data.status).toBe("UNSUPPORTED");
      expect((await status(s, c.user_id)).status).toBe("UNSUPPORTED");
    } finally {
      await s.close();
    }
  });

  it("a decision cancels a scheduled automatic review", async () => {
    const s = await start({ reviewMs: 150 });
    try {
      const c = corporation();
      await register(s, c);
      await verifyType(s, c.user_id, "email");
      await post(s, `/_sandbox/users/${c.user_id}/decision`, { status: "PENDING" }, { key: null });
      await sleep(250);
      expect((await status(s, c.user_id)).status).toBe("PENDING");
    } finally {
      await s.close();
    }
  });
});
