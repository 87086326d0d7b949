// One-time codes (connect-api.md 2.2 / 2.3). sFOX documents only the happy path and
// "Email already verified"; the other rules and messages are sandbox decisions listed in
// README.md. Each message is stable: tests and the app may match on it.
import { randomInt, timingSafeEqual } from "node:crypto";
import { publish, type Context } from "./context";
import { HttpError, field } from "./http";
import type { CodeType, UserRecord } from "./store";

export const MAX_ATTEMPTS = 5;

export const MESSAGES = {
  badType: "type: must be email or sms",
  smsForCorporation: "type: sms verification is not available for corporations (email only)",
  smsBeforeEmail: "type: email must be verified before an sms code can be sent",
  emailVerified: "Email already verified",
  phoneVerified: "Phone already verified",
  otpRequired: "otp: is required",
  otpNotString: "otp: must be a string",
  noCode: "otp: no code was sent for this type, request a code first",
  invalid: "otp: invalid code",
  locked: "otp: too many attempts, request a new code",
  expired: "otp: code expired, request a new code",
  cooldown: "type: a code of this type was sent moments ago, retry later",
} as const;

function codeType(body: Record<string, unknown>): CodeType {
  const t = field(body, "type");
  if (t !== "email" && t !== "sms") throw new HttpError(422, MESSAGES.badType);
  return t;
}

/** Checks shared by send and verify: corporations have no sms, verified items are done. */
function checkRequirement(user: UserRecord, type: CodeType): void {
  if (type === "sms" && user.account_type === "corporation")
    throw new HttpError(422, MESSAGES.smsForCorporation);
  if (!user.requirements[type]) {
    throw new HttpError(422, type === "email" ? MESSAGES.emailVerified : MESSAGES.phoneVerified);
  }
}

function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** POST send-verification: issues a fresh code (replacing the previous one of that type). */
export function sendVerification(ctx: Context, user: UserRecord, body: Record<string, unknown>): unknown {
  const type = codeType(body);
  checkRequirement(user, type);
  if (type === "sms" && user.requirements.email) throw new HttpError(422, MESSAGES.smsBeforeEmail);

  const now = Date.now();
  const previous = user.codes[type];
  if (previous && now - previous.sent_at < ctx.config.codeCooldownMs) {
    const waitS = Math.max(1, Math.ceil((previous.sent_at + ctx.config.codeCooldownMs - now) / 1000));
    throw new HttpError(429, MESSAGES.cooldown, { "Retry-After": String(waitS) });
  }

  const code = newCode();
  ctx.store.update(user, (u) => {
    u.codes[type] = { code, sent_at: now, expires_at: now + ctx.config.codeTtlMs, attempts: 0 };
  });
  const to = type === "email" ? user.email : user.phone_number;
  ctx.store.addOutbox({ user_id: user.user_id, type, to, code, sent_at: new Date(now).toISOString() });

  // Newer snapshot: the sms reply names the destination `phone_number` (the older one said `email`).
  return type === "email"
    ? { data: { user_id: user.user_id, type, email: user.email } }
    : { data: { user_id: user.user_id, type, phone_number: user.phone_number } };
}

function sameCode(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** POST verify: checks the code; on success clears the requirement and may start the review. */
export function verifyCode(ctx: Context, user: UserRecord, body: Record<string, unknown>): unknown {
  const type = codeType(body);
  const otp = field(body, "otp");
  if (otp === undefined || otp === null || otp === "") throw new HttpError(422, MESSAGES.otpRequired);
  if (typeof otp !== "string") throw new HttpError(422, MESSAGES.otpNotString);
  checkRequirement(user, type);

  const record = user.codes[type];
  if (!record) throw new HttpError(422, MESSAGES.noCode);
  if (record.attempts >= MAX_ATTEMPTS) throw new HttpError(422, MESSAGES.locked);
  if (Date.now() >= record.expires_at) throw new HttpError(422, MESSAGES.expired);

  if (!sameCode(otp, record.code)) {
    ctx.store.update(user, () => (record.attempts += 1));
    throw new HttpError(422, record.attempts >= MAX_ATTEMPTS ? MESSAGES.locked : MESSAGES.invalid);
  }

  ctx.store.update(user, (u) => {
    delete u.codes[type];
    u.requirements[type] = false;
  });
  publish(ctx, user);
  ctx.reviewer.maybeSchedule(user);
  return { data: { success: true, user_id: user.user_id, type } };
}
