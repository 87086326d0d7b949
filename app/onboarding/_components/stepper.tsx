import { STEP_TITLES, stepsFor, type WizardProgress, type WizardStep } from "@/lib/onboarding/steps";

/** Where the user is and which steps are done; every step is labelled for screen readers. */
export function Stepper({ current, progress }: { current: WizardStep; progress: WizardProgress }) {
  const steps = stepsFor(progress.accountType).filter((step) => step !== "done");
  const currentIndex = steps.indexOf(current === "done" ? "verify" : current);

  return (
    <nav aria-label="Progress" className="mb-8">
      <p className="mb-2 text-sm font-medium text-ink-muted sm:hidden">
        Step {Math.min(currentIndex + 1, steps.length)} of {steps.length}
      </p>
      <ol className="flex gap-1 sm:gap-2">
        {steps.map((step, index) => {
          const state = current === "done" || index < currentIndex ? "done" : index === currentIndex ? "current" : "upcoming";
          return (
            <li key={step} className="flex-1" aria-current={state === "current" ? "step" : undefined}>
              <span
                aria-hidden="true"
                className={`block h-1.5 rounded-full ${state === "upcoming" ? "bg-gray-200" : "bg-brand-600"}`}
              />
              <span
                className={`mt-2 hidden text-xs sm:block ${state === "current" ? "font-semibold text-brand-800" : "text-ink-muted"}`}
              >
                {STEP_TITLES[step]}
              </span>
              <span className="sr-only">
                {state === "done" ? `${STEP_TITLES[step]}: done` : state === "current" ? `${STEP_TITLES[step]}: current step` : `${STEP_TITLES[step]}: not started`}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
