import type { ReactNode } from "react";
import { WizardProvider } from "./_components/wizard-provider";

export default function OnboardingLayout({ children }: { children: ReactNode }) {
  return (
    <WizardProvider>
      <div className="mx-auto w-full max-w-2xl px-4 py-8 sm:px-6 sm:py-12">{children}</div>
    </WizardProvider>
  );
}
