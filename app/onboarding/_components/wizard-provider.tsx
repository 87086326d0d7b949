"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { FormStep } from "@/lib/onboarding/steps";

/**
 * What the wizard keeps in this tab only: government id numbers (never sent to the server before
 * the submission, never stored anywhere, gone on reload) and errors the server returned for a step
 * the user is being sent back to.
 */
interface WizardMemory {
  individualId: string | undefined;
  ownerIds: readonly string[];
  rememberIndividualId(value: string): void;
  rememberOwnerIds(values: readonly string[]): void;
  returnedErrors: { step: FormStep; fieldErrors: Record<string, string> } | null;
  returnErrors(step: FormStep, fieldErrors: Record<string, string>): void;
  clearReturnedErrors(): void;
}

const WizardContext = createContext<WizardMemory | null>(null);

export function WizardProvider({ children }: { children: ReactNode }) {
  const [individualId, setIndividualId] = useState<string>();
  const [ownerIds, setOwnerIds] = useState<readonly string[]>([]);
  const [returnedErrors, setReturnedErrors] = useState<WizardMemory["returnedErrors"]>(null);

  const clearReturnedErrors = useCallback(() => setReturnedErrors(null), []);

  const memory = useMemo<WizardMemory>(
    () => ({
      individualId,
      ownerIds,
      rememberIndividualId: setIndividualId,
      rememberOwnerIds: setOwnerIds,
      returnedErrors,
      returnErrors: (step, fieldErrors) => setReturnedErrors({ step, fieldErrors }),
      clearReturnedErrors,
    }),
    [individualId, ownerIds, returnedErrors, clearReturnedErrors],
  );

  return <WizardContext.Provider value={memory}>{children}</WizardContext.Provider>;
}

export function useWizardMemory(): WizardMemory {
  const memory = useContext(WizardContext);
  if (!memory) throw new Error("useWizardMemory must be used inside <WizardProvider>");
  return memory;
}
