"use client";

import { useWizardMemory } from "./wizard-provider";

/** Id numbers exist only in this tab's memory: say whether it still has this one, never show it. */
export function IdNumberStatus({ holder, index = 0 }: { holder: "individual" | "owner"; index?: number }) {
  const memory = useWizardMemory();
  const value = holder === "individual" ? memory.individualId : memory.ownerIds[index];
  return value ? (
    <span>Entered, hidden for your security</span>
  ) : (
    <span className="text-amber-800">Not kept: you will be asked to enter it again when you submit</span>
  );
}
