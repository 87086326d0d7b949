import type { AccountStepInput } from "@/lib/validations/account-step";
import type { BeneficialOwnerFormInput } from "@/lib/validations/beneficial-owners-step";
import type { Business } from "@/lib/validations/business-step";
import type { ContactStepInput } from "@/lib/validations/contact-step";
import type { Individual } from "@/lib/validations/identity-step";
import type { AccountType, FormStep } from "./steps";

/**
 * What the server keeps of a wizard in progress (onboarding_sessions.draft). Government id numbers
 * are never part of it: they live in the browser's memory until the submission sends them on.
 */
export type StoredIndividual = Omit<Individual, "id_number">;
export type StoredOwner = Omit<BeneficialOwnerFormInput, "id_number" | "ssn">;

export interface OnboardingDraft {
  completed: FormStep[];
  account?: AccountStepInput;
  contact?: ContactStepInput;
  identity?: { individual: StoredIndividual };
  business?: { business: Business };
  owners?: { beneficial_owners: StoredOwner[] };
  /** When codes were sent: the last one, and those of the last hour (the hourly limit). */
  verification?: Partial<Record<"email" | "sms", { sentAt: string; recent?: string[] }>>;
}

export function readDraft(raw: Record<string, unknown> | null | undefined): OnboardingDraft {
  const draft = (raw ?? {}) as Partial<OnboardingDraft>;
  return { ...draft, completed: Array.isArray(draft.completed) ? draft.completed : [] };
}

export function accountTypeOf(draft: OnboardingDraft): AccountType | undefined {
  return draft.account?.account_type;
}

/** Removes every government id number from a step's values before they are stored. */
export function withoutGovernmentIds(step: FormStep, values: Record<string, unknown>): Record<string, unknown> {
  if (step === "identity") {
    const { id_number: _idNumber, ...individual } = (values.individual ?? {}) as Record<string, unknown>;
    return { ...values, individual };
  }
  if (step === "owners") {
    const owners = (values.beneficial_owners ?? []) as Array<Record<string, unknown>>;
    return {
      ...values,
      beneficial_owners: owners.map(({ id_number: _idNumber, ssn: _ssn, ...owner }) => owner),
    };
  }
  return values;
}

/**
 * The draft after a step was saved. Changing the account type changes the flow, so only the steps
 * both flows share stay complete.
 */
export function withStepSaved(draft: OnboardingDraft, step: FormStep, values: Record<string, unknown>): OnboardingDraft {
  const next: OnboardingDraft = { ...draft, [step]: withoutGovernmentIds(step, values) };
  let completed = draft.completed.filter((done) => done !== step);
  if (step === "account") {
    const newType = (values as AccountStepInput).account_type;
    if (draft.account && draft.account.account_type !== newType) {
      completed = completed.filter((done) => done === "contact");
    }
  }
  next.completed = [...completed, step];
  return next;
}
