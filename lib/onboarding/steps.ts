/**
 * The wizard's steps and the rules for moving between them. Pure and browser-safe: the server uses
 * it to decide which step a session may see, the stepper uses it to draw progress.
 */

export const FORM_STEPS = ["account", "contact", "identity", "business", "owners"] as const;
export type FormStep = (typeof FORM_STEPS)[number];

export const WIZARD_STEPS = [...FORM_STEPS, "review", "verify", "done"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type AccountType = "individual" | "corporation";

export const STEP_TITLES: Record<WizardStep, string> = {
  account: "Account",
  contact: "Contact details",
  identity: "Identity and residence",
  business: "Business",
  owners: "Beneficial owners",
  review: "Review",
  verify: "Verify",
  done: "Status",
};

const FLOWS: Record<AccountType, readonly WizardStep[]> = {
  individual: ["account", "contact", "identity", "review", "verify", "done"],
  corporation: ["account", "contact", "business", "owners", "review", "verify", "done"],
};

/** The steps of a flow; before the account type is chosen, the individual flow stands in. */
export function stepsFor(accountType: AccountType | undefined): readonly WizardStep[] {
  return FLOWS[accountType ?? "individual"];
}

export function isWizardStep(value: string): value is WizardStep {
  return (WIZARD_STEPS as readonly string[]).includes(value);
}

export function isFormStep(value: string): value is FormStep {
  return (FORM_STEPS as readonly string[]).includes(value);
}

export interface WizardProgress {
  accountType: AccountType | undefined;
  completed: readonly FormStep[];
  registered: boolean;
  /** After registration: whether a verification requirement is still open. */
  verificationPending: boolean;
}

/** The first step of the flow that still needs the user. */
export function currentStep(progress: WizardProgress): WizardStep {
  if (progress.registered) return progress.verificationPending ? "verify" : "done";
  const flow = stepsFor(progress.accountType);
  return flow.find((step) => step === "review" || !progress.completed.includes(step as FormStep)) ?? "review";
}

/**
 * The step a request for `requested` may show: itself when it is reachable, else the current step.
 * Nobody skips an unfinished step, and nobody goes back into the forms after registering.
 */
export function allowedStep(requested: WizardStep, progress: WizardProgress): WizardStep {
  const current = currentStep(progress);
  if (progress.registered) {
    return requested === "done" || (requested === "verify" && progress.verificationPending) ? requested : current;
  }
  const flow = stepsFor(progress.accountType);
  const index = flow.indexOf(requested);
  if (index === -1 || requested === "verify" || requested === "done") return current;
  return index <= flow.indexOf(current) ? requested : current;
}

/** The step after `step` in this flow (review when the flow has nothing else to ask). */
export function nextStep(step: FormStep, accountType: AccountType | undefined): WizardStep {
  const flow = stepsFor(accountType);
  return flow[flow.indexOf(step) + 1] ?? "review";
}

export function previousStep(step: WizardStep, accountType: AccountType | undefined): WizardStep | null {
  const flow = stepsFor(accountType);
  const index = flow.indexOf(step);
  return index > 0 ? (flow[index - 1] ?? null) : null;
}

export function stepPath(step: WizardStep): string {
  return `/onboarding/${step}`;
}
