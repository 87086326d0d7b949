import type { RegistrationInput } from "@/lib/validations/registration";
import type { OnboardingDraft } from "./draft";

/** Id numbers the browser kept in memory; the server never stored them. */
export interface GovernmentIds {
  individual?: string;
  owners?: string[];
}

/**
 * The register-account body this onboarding describes: the stored answers, the id numbers sent
 * with the submission, and the user_id chosen when the onboarding began. Unchecked: the caller
 * validates it with `registrationPayloadSchema`, so a missing id number is reported on its field. A
 * tab that lost the number (a reload, another tab) sends "": that is a missing number, not a
 * malformed one.
 */
export function composeRegistration(userId: string, draft: OnboardingDraft, ids: GovernmentIds): RegistrationInput {
  const account = draft.account;
  const common = {
    user_id: userId,
    ...draft.contact,
    account_type: account?.account_type,
    account_role: account?.account_role,
    account_purpose: account?.account_purpose,
    // Only clients are linked to an advisor.
    ...(account?.account_role === "client" && account.advisor_user_id ? { advisor_user_id: account.advisor_user_id } : {}),
    ...(account?.source_of_funds ? { source_of_funds: account.source_of_funds } : {}),
  };

  if (account?.account_type === "corporation") {
    const owners = draft.owners?.beneficial_owners ?? [];
    return {
      ...common,
      business: draft.business?.business,
      beneficial_owners: owners.map(({ ownership_percentage: _kept, ...owner }, index) => ({
        ...owner,
        id_number: ids.owners?.[index] || undefined,
      })),
    } as RegistrationInput;
  }
  return {
    ...common,
    individual: draft.identity ? { ...draft.identity.individual, id_number: ids.individual || undefined } : undefined,
  } as RegistrationInput;
}
