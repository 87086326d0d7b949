"use server";

import { z } from "@/lib/zod";
import type { ActionResult } from "@/lib/action-result";
import { getDb } from "@/lib/db/client";
import { markOnboardingRegistered, saveOnboardingProgress } from "@/lib/db/onboarding-sessions";
import { getUser } from "@/lib/db/users";
import { composeRegistration } from "@/lib/onboarding/compose-registration";
import { readDraft } from "@/lib/onboarding/draft";
import { locateField } from "@/lib/onboarding/error-location";
import { progressOf } from "@/lib/onboarding/progress";
import { readOnboardingSession } from "@/lib/onboarding/session";
import { currentStep, stepPath, type FormStep } from "@/lib/onboarding/steps";
import { sfox } from "@/lib/sfox/client";
import { isSfoxError, type SfoxError } from "@/lib/sfox/errors";
import type { SfoxUser } from "@/lib/sfox/types";
import { applyUserState, nowNs } from "@/lib/events/apply-user-state";
import { REQUIRED_MESSAGE } from "@/lib/validations/messages";
import { registrationPayloadSchema, type RegistrationPayload } from "@/lib/validations/registration";

export type SubmitRegistrationResult = ActionResult | { ok: false; step: FormStep; fieldErrors: Record<string, string> };

const submissionSchema = z.object({
  consent: z.literal(true, { error: "Confirm that the information is accurate and that you accept the terms" }),
  ids: z
    .object({
      individual: z.string().max(40).optional(),
      owners: z.array(z.string().max(40)).max(10).optional(),
    })
    .default({}),
});

const ID_NOT_KEPT = "For your security we do not keep id numbers. Enter it again.";
const SFOX_UNAVAILABLE =
  "We could not reach sFOX to open your account. Nothing you entered is lost: try again in a moment.";

/**
 * Submit on the review step. Rebuilds the whole payload on the server, validates it with the same
 * schema, and registers it once: the user_id was fixed when the onboarding began, so a double
 * click, a retry after a timeout or a second tab all end on the same single account.
 */
export async function submitRegistration(input: unknown): Promise<SubmitRegistrationResult> {
  const session = await readOnboardingSession();
  if (!session) return { ok: false, formError: "Your session has ended. Please start again.", redirectTo: "/onboarding" };
  const db = await getDb();
  const progress = progressOf(session, session.registeredAt ? await getUser(db, session.userId) : undefined);
  if (progress.registered) return { ok: true, redirectTo: stepPath(currentStep(progress)) };
  if (currentStep(progress) !== "review") {
    return { ok: false, formError: "Some answers are missing.", redirectTo: stepPath(currentStep(progress)) };
  }

  const submission = submissionSchema.safeParse(input);
  if (!submission.success) {
    return { ok: false, fieldErrors: { consent: submission.error.issues[0]?.message ?? "Confirm to continue" } };
  }

  const draft = readDraft(session.draft);
  const composed = composeRegistration(session.userId, draft, submission.data.ids);
  const payload = registrationPayloadSchema.safeParse(composed);
  if (!payload.success) return stepErrorsOf(payload.error.issues);

  await saveOnboardingProgress(db, session.id, { step: "review", draft: { ...draft }, consentedAt: new Date() });

  let user: SfoxUser;
  // Before asking: a feed event about this user that sFOX sends meanwhile is newer than our answer.
  const observedAtNs = nowNs();
  try {
    const result = await sfox().registerAccount(payload.data);
    user = { ...describe(payload.data), status: result.status, requirements: result.requirements };
  } catch (error) {
    if (!isSfoxError(error)) throw error;
    const existing = error.status === 409 ? await alreadyRegistered(payload.data) : null;
    if (!existing) return failureOf(error);
    user = existing;
  }

  await applyUserState(db, { user, observedAtNs, kind: "registered" });
  await markOnboardingRegistered(db, session.id);
  return { ok: true, redirectTo: "/onboarding/verify" };
}

/** After a 409 on our own user_id: an earlier attempt (double click, timeout, other tab) worked. */
async function alreadyRegistered(payload: RegistrationPayload): Promise<SfoxUser | null> {
  try {
    const user = await sfox().getUser(payload.user_id);
    return user.email === payload.email ? user : null;
  } catch {
    return null;
  }
}

function describe(payload: RegistrationPayload): SfoxUser {
  return {
    userId: payload.user_id,
    sfoxId: null,
    accountType: payload.account_type,
    accountRole: payload.account_role,
    advisorUserId: payload.advisor_user_id ?? null,
    firstName: payload.first_name,
    lastName: payload.last_name,
    email: payload.email,
    phoneNumber: payload.phone_number,
    status: "pending",
    requirements: { email: true, sms: payload.account_type === "individual" },
  };
}

/** Validation problems, grouped onto the first step that has one. */
function stepErrorsOf(issues: readonly z.core.$ZodIssue[]): SubmitRegistrationResult {
  const located = issues
    .map((issue) => ({ issue, place: locateField(issue.path.map(String).join(".")) }))
    .filter((entry): entry is { issue: z.core.$ZodIssue; place: NonNullable<typeof entry.place> } => entry.place !== null);
  const first = located[0];
  if (!first) return { ok: false, formError: "Some answers are not valid. Please check each step." };
  const fieldErrors: Record<string, string> = {};
  for (const { issue, place } of located) {
    if (place.step !== first.place.step) continue;
    const isMissingId = /(^|\.)id_number$/.test(place.name) && issue.message === REQUIRED_MESSAGE;
    fieldErrors[place.name] ??= isMissingId ? ID_NOT_KEPT : issue.message;
  }
  return { ok: false, step: first.place.step, fieldErrors };
}

function failureOf(error: SfoxError): SubmitRegistrationResult {
  if (error.retryable) return { ok: false, formError: SFOX_UNAVAILABLE };
  const place = error.field ? locateField(error.field) : null;
  if (place) return { ok: false, step: place.step, fieldErrors: { [place.name]: sfoxFieldMessage(error.message) } };
  return { ok: false, formError: `sFOX could not open the account: ${error.message}` };
}

/** sFOX says "advisor_user_id: no such advisor"; the user reads the part after the path. */
function sfoxFieldMessage(message: string): string {
  const text = message.slice(message.indexOf(":") + 1).trim();
  return text ? `sFOX: ${text.charAt(0).toUpperCase()}${text.slice(1)}` : message;
}
