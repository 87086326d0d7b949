import type { UserRow } from "@/lib/db/schema";
import type { OnboardingDraft } from "./draft";

export type VerificationType = "email" | "sms";

/** How long the wizard makes a user wait before asking for another code of the same type. */
export const RESEND_COOLDOWN_SECONDS = 30;
/** At most this many codes of one type per onboarding (one sFOX user) in any hour. */
export const MAX_CODES_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

/** Email first, then SMS (individuals only); null when nothing is left to confirm. */
export function dueVerification(user: Pick<UserRow, "requirements"> | undefined): VerificationType | null {
  if (!user) return "email";
  if (user.requirements.email) return "email";
  if (user.requirements.sms) return "sms";
  return null;
}

/**
 * Seconds until another code of this type may be sent (0 when it may be sent now): 30 s after the
 * last one, and never more than `MAX_CODES_PER_HOUR` in an hour (each onboarding is one sFOX user,
 * so this is per user and per session).
 */
export function resendWaitSeconds(draft: OnboardingDraft, type: VerificationType, now = Date.now()): number {
  const sent = draft.verification?.[type];
  if (!sent?.sentAt) return 0;
  const cooldown = RESEND_COOLDOWN_SECONDS - (now - Date.parse(sent.sentAt)) / 1000;
  const lastHour = recentSends(sent, now);
  const hourly = lastHour.length >= MAX_CODES_PER_HOUR ? (Date.parse(lastHour[0]!) + HOUR_MS - now) / 1000 : 0;
  return Math.max(0, Math.ceil(Math.max(cooldown, hourly)));
}

/** The draft's record of codes of one type after one more was sent `now`. */
export function recordCodeSent(draft: OnboardingDraft, type: VerificationType, now = Date.now()): NonNullable<OnboardingDraft["verification"]> {
  const sentAt = new Date(now).toISOString();
  const recent = [...recentSends(draft.verification?.[type], now), sentAt].slice(-MAX_CODES_PER_HOUR);
  return { ...draft.verification, [type]: { sentAt, recent } };
}

/** Send times within the hour before `now`, oldest first (older drafts kept only the last one). */
function recentSends(sent: { sentAt: string; recent?: string[] } | undefined, now: number): string[] {
  if (!sent) return [];
  const times = sent.recent ?? [sent.sentAt];
  return times.filter((time) => now - Date.parse(time) < HOUR_MS).sort();
}

/** "45 seconds", "1 minute", "12 minutes": how a wait is said to the user. */
export function describeWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export type CodeProblem = "wrong" | "expired" | "locked" | "missing";

/** What sFOX's refusal of a code means for the user; the docs do not fix the texts, so read them. */
export function codeProblemOf(message: string): CodeProblem {
  if (/expired/i.test(message)) return "expired";
  if (/attempt|locked/i.test(message)) return "locked";
  if (/no (verification )?code|not requested|request a code/i.test(message)) return "missing";
  return "wrong";
}

export const CODE_PROBLEM_MESSAGES: Record<CodeProblem, string> = {
  wrong: "That code is not right. Check the latest message and try again.",
  expired: "That code has expired. Send a new code and enter it within 10 minutes.",
  locked: "Too many wrong tries for this code. Send a new code to try again.",
  missing: "Send a code first, then enter it here.",
};
