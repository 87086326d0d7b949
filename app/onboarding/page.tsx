import { redirect } from "next/navigation";
import { loadWizard } from "./_lib/load-wizard";
import { currentStep, stepPath } from "@/lib/onboarding/steps";

// `/onboarding` resumes wherever this browser's onboarding stands.
export default async function OnboardingIndex() {
  const { progress } = await loadWizard();
  redirect(stepPath(currentStep(progress)));
}
