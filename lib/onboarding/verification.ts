import type { UserRow } from "@/lib/db/schema";
import type { OnboardingDraft } from "./draft";

export type VerificationType = "email" | "sms";

/** How long the wizard makes a user wait before asking for another code of the same type. */
export const RESEND_COOLDOWN_SECONDS = 30;

/** Email first, then SMS (individuals only); null when nothing is left to confirm. */
export function dueVerification(user: Pick<UserRow, "requirements"> | undefined): VerificationType | null {
  if (!user) return "email";
  if (user.requirements.email) return "email";
  if (user.requirements.sms) return "sms";
  return null;
}

/** Seconds until another code of this type may be sent (0 when it may be sent now). */
export function resendWaitSeconds(draft: OnboardingDraft, type: VerificationType, now = Date.now()): number {
  const sentAt = draft.verification?.[type]?.sentAt;
  if (!sentAt) return 0;
  const elapsed = (now - Date.parse(sentAt)) / 1000;
  return Math.max(0, Math.ceil(RESEND_COOLDOWN_SECONDS - elapsed));
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
