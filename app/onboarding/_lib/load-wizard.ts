import "server-only";
import { getDb } from "@/lib/db/client";
import type { OnboardingSessionRow, UserRow } from "@/lib/db/schema";
import { getUser } from "@/lib/db/users";
import { readDraft, type OnboardingDraft } from "@/lib/onboarding/draft";
import { progressOf } from "@/lib/onboarding/progress";
import { readOnboardingSession } from "@/lib/onboarding/session";
import type { WizardProgress } from "@/lib/onboarding/steps";

export interface LoadedWizard {
  session: OnboardingSessionRow | null;
  user: UserRow | undefined;
  draft: OnboardingDraft;
  progress: WizardProgress;
}

/** Everything a wizard page needs about the caller's onboarding, read from the server's records. */
export async function loadWizard(): Promise<LoadedWizard> {
  const session = await readOnboardingSession();
  const user = session?.registeredAt ? await getUser(await getDb(), session.userId) : undefined;
  return { session, user, draft: readDraft(session?.draft), progress: progressOf(session, user) };
}
