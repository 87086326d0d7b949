"use server";

import { z } from "@/lib/zod";
import type { ActionResult } from "@/lib/action-result";
import { getDb } from "@/lib/db/client";
import { saveOnboardingProgress } from "@/lib/db/onboarding-sessions";
import type { OnboardingSessionRow, UserRow } from "@/lib/db/schema";
import { getUser } from "@/lib/db/users";
import { readDraft } from "@/lib/onboarding/draft";
import { readOnboardingSession } from "@/lib/onboarding/session";
import {
  CODE_PROBLEM_MESSAGES,
  codeProblemOf,
  dueVerification,
  RESEND_COOLDOWN_SECONDS,
  describeWait,
  recordCodeSent,
  resendWaitSeconds,
  type VerificationType,
} from "@/lib/onboarding/verification";
import { sfox } from "@/lib/sfox/client";
import { isSfoxError } from "@/lib/sfox/errors";
import { applyUserState, nowNs } from "@/lib/events/apply-user-state";

const typeSchema = z.enum(["email", "sms"]);
const codeSchema = z.object({
  type: typeSchema,
  code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from the message"),
});

const UNAVAILABLE = "We could not reach sFOX just now. Please try again in a moment.";

type Registered = { session: OnboardingSessionRow; user: UserRow | undefined };

/** Send (or resend) the code that is due; the server decides which one that is. */
export async function sendVerificationCode(type: unknown): Promise<ActionResult<{ resendInSeconds: number }>> {
  const context = await registeredContext();
  if ("ok" in context) return context;
  const wanted = typeSchema.safeParse(type);
  const due = dueVerification(context.user);
  if (!wanted.success || wanted.data !== due) return nothingDue(due);

  const draft = readDraft(context.session.draft);
  const wait = resendWaitSeconds(draft, due);
  if (wait > 0) return rateLimited(wait);

  try {
    await sfox().sendVerificationCode(context.session.userId, due);
  } catch (error) {
    if (!isSfoxError(error)) throw error;
    if (error.status === 429) return rateLimited(Math.ceil((error.retryAfterMs ?? RESEND_COOLDOWN_SECONDS * 1000) / 1000));
    if (/already verified/i.test(error.message)) return refreshed(context.session.userId);
    return { ok: false, formError: error.retryable ? UNAVAILABLE : `sFOX could not send the code: ${error.message}` };
  }

  const sentAt = Date.now();
  const next = { ...draft, verification: recordCodeSent(draft, due, sentAt) };
  await saveOnboardingProgress(await getDb(), context.session.id, { step: "verify", draft: next });
  return { ok: true, data: { resendInSeconds: resendWaitSeconds(next, due, sentAt) } };
}

/** Confirm the code the user typed; on success the stored state follows sFOX's. */
export async function confirmVerificationCode(input: unknown): Promise<ActionResult> {
  const context = await registeredContext();
  if ("ok" in context) return context;
  const parsed = codeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues.at(-1)?.message ?? "Enter the code" } };
  const due = dueVerification(context.user);
  if (parsed.data.type !== due) return nothingDue(due);

  try {
    await sfox().confirmVerificationCode(context.session.userId, due, parsed.data.code);
  } catch (error) {
    if (!isSfoxError(error)) throw error;
    if (error.status === 429) return rateLimited(Math.ceil((error.retryAfterMs ?? 60_000) / 1000));
    if (error.retryable) return { ok: false, formError: UNAVAILABLE };
    if (/already verified/i.test(error.message)) return refreshed(context.session.userId);
    return { ok: false, fieldErrors: { code: CODE_PROBLEM_MESSAGES[codeProblemOf(error.message)] } };
  }
  return refreshed(context.session.userId);
}

async function registeredContext(): Promise<Registered | { ok: false; formError: string; redirectTo: string }> {
  const session = await readOnboardingSession();
  if (!session) return { ok: false, formError: "Your session has ended. Please start again.", redirectTo: "/onboarding" };
  if (!session.registeredAt) return { ok: false, formError: "Finish your application first.", redirectTo: "/onboarding" };
  return { session, user: await getUser(await getDb(), session.userId) };
}

/** Reads the user back from sFOX, records it, and answers where the user goes next. */
async function refreshed(userId: string): Promise<ActionResult & { ok: true }> {
  const db = await getDb();
  try {
    const observedAtNs = nowNs();
    await applyUserState(db, { user: await sfox().getUser(userId), observedAtNs, kind: "verification" });
  } catch (error) {
    // The code was accepted; a failed read-back only delays the stored state until the feed catches up.
    if (!isSfoxError(error)) throw error;
  }
  return { ok: true, redirectTo: dueVerification(await getUser(db, userId)) ? "/onboarding/verify" : "/onboarding/done" };
}

function nothingDue(due: VerificationType | null): ActionResult & { ok: false } {
  return due
    ? { ok: false, formError: `Confirm your ${due === "email" ? "email address" : "phone number"} first.`, redirectTo: "/onboarding/verify" }
    : { ok: false, formError: "Everything is already confirmed.", redirectTo: "/onboarding/done" };
}

function rateLimited(seconds: number): ActionResult & { ok: false } {
  return {
    ok: false,
    formError: `Please wait ${describeWait(seconds)} before asking for another code.`,
    retryAfterSeconds: seconds,
  };
}
