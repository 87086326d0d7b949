import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import type { WizardStep } from "@/lib/onboarding/steps";
import { isCountryCode } from "@/lib/validations/countries";
import type { LoadedWizard } from "../_lib/load-wizard";
import { DoneStep } from "./done-step";
import { AccountStep, BusinessStep, ContactStep, IdentityStep, OwnersStep } from "./form-steps";
import { ReviewStep } from "./review-step";
import { VerifyStep } from "./verify-step";

/** The body of each step, fed with what the server knows. */
export async function StepContent({ step, wizard, returnTo }: { step: WizardStep; wizard: LoadedWizard; returnTo?: "review" }) {
  const { draft, progress } = wizard;
  switch (step) {
    case "account":
      return <AccountStep defaults={draft.account ?? {}} returnTo={returnTo} />;
    case "contact":
      return (
        <ContactStep
          defaults={draft.contact ?? {}}
          defaultCountry={await preferredCountry()}
          isCorporation={progress.accountType === "corporation"}
          returnTo={returnTo}
        />
      );
    case "identity":
      return <IdentityStep defaults={draft.identity?.individual ?? {}} returnTo={returnTo} />;
    case "business":
      return <BusinessStep defaults={draft.business?.business ?? {}} returnTo={returnTo} />;
    case "owners":
      return <OwnersStep defaults={draft.owners?.beneficial_owners ?? []} contact={draft.contact} returnTo={returnTo} />;
    case "review":
      return <ReviewStep draft={draft} />;
    case "verify":
      return <VerifyStep wizard={wizard} sandbox={getEnv().sfox.mode === "sandbox"} />;
    case "done":
      return <DoneStep wizard={wizard} />;
  }
}

/** The visitor's country from their browser's language (en-GB -> GB), else the US. */
async function preferredCountry(): Promise<string> {
  const language = (await headers()).get("accept-language") ?? "";
  const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(language.split(",")[0]?.trim() ?? "")?.[1]?.toUpperCase();
  return region && isCountryCode(region) ? region : "US";
}
