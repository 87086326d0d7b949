"use server";

import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { getDb } from "@/lib/db/client";
import { saveOnboardingProgress } from "@/lib/db/onboarding-sessions";
import { getUser } from "@/lib/db/users";
import { accountTypeOf, readDraft, withStepSaved } from "@/lib/onboarding/draft";
import { progressOf } from "@/lib/onboarding/progress";
import { readOrStartOnboardingSession } from "@/lib/onboarding/session";
import { STEP_SCHEMAS } from "@/lib/onboarding/step-schemas";
import { allowedStep, currentStep, isFormStep, nextStep, stepPath } from "@/lib/onboarding/steps";

/**
 * Continue on a form step: validates the step again on the server with the browser's schema, saves
 * it (without id numbers) and answers where to go next. `returnTo: "review"` comes back from an
 * Edit link once nothing else is missing.
 */
export async function saveStep(step: string, values: unknown, returnTo?: string): Promise<ActionResult> {
  if (!isFormStep(step)) return { ok: false, formError: "This step does not exist." };
  // Refused input changes nothing, not even by starting an onboarding for a visitor without one.
  const parsed = STEP_SCHEMAS[step].safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };

  const session = await readOrStartOnboardingSession();
  const db = await getDb();
  const progress = progressOf(session, session.registeredAt ? await getUser(db, session.userId) : undefined);
  if (progress.registered) {
    return { ok: false, formError: "Your account is already registered.", redirectTo: stepPath(currentStep(progress)) };
  }
  if (allowedStep(step, progress) !== step) {
    return { ok: false, formError: "Finish the earlier steps first.", redirectTo: stepPath(currentStep(progress)) };
  }

  const draft = withStepSaved(readDraft(session.draft), step, parsed.data as Record<string, unknown>);
  const after = progressOf({ ...session, draft: { ...draft } }, undefined);
  const upcoming = nextStep(step, accountTypeOf(draft));
  const destination = returnTo === "review" && currentStep(after) === "review" ? "review" : upcoming;
  await saveOnboardingProgress(db, session.id, { step: allowedStep(destination, after), draft: { ...draft } });
  return { ok: true, redirectTo: stepPath(allowedStep(destination, after)) };
}
