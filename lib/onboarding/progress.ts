import type { OnboardingSessionRow, UserRow } from "@/lib/db/schema";
import { accountTypeOf, readDraft } from "./draft";
import type { WizardProgress } from "./steps";

/** Where an onboarding stands, from its stored session and (once registered) its stored user. */
export function progressOf(session: OnboardingSessionRow | null, user: UserRow | undefined): WizardProgress {
  const draft = readDraft(session?.draft);
  const registered = Boolean(session?.registeredAt);
  const requirements = user?.requirements ?? {};
  return {
    accountType: accountTypeOf(draft),
    completed: draft.completed,
    registered,
    // Until the stored user says otherwise, a fresh registration still has codes to confirm.
    verificationPending: registered && (!user || Object.values(requirements).some(Boolean)),
  };
}
