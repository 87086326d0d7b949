import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { allowedStep, isWizardStep, STEP_TITLES, stepPath, type WizardStep } from "@/lib/onboarding/steps";
import { Stepper } from "../_components/stepper";
import { loadWizard } from "../_lib/load-wizard";
import { StepContent } from "../_components/step-content";

type Props = { params: Promise<{ step: string }>; searchParams: Promise<{ return?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { step } = await params;
  return { title: isWizardStep(step) ? `${STEP_TITLES[step]} — Open an account` : "Open an account" };
}

// One page per step; the server decides which steps this browser may see.
export default async function StepPage({ params, searchParams }: Props) {
  const { step } = await params;
  if (!isWizardStep(step)) notFound();
  const wizard = await loadWizard();
  const allowed = allowedStep(step, wizard.progress);
  if (allowed !== step) redirect(stepPath(allowed));
  const { return: returnTo } = await searchParams;

  return (
    <>
      <Stepper current={step as WizardStep} progress={wizard.progress} />
      <StepContent step={step} wizard={wizard} returnTo={returnTo === "review" ? "review" : undefined} />
    </>
  );
}
