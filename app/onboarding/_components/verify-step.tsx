import { parsePhoneNumberFromString } from "libphonenumber-js";
import { dueVerification, resendWaitSeconds } from "@/lib/onboarding/verification";
import type { LoadedWizard } from "../_lib/load-wizard";
import { RequirementsChecklist } from "./requirements-checklist";
import { VerifyPanel } from "./verify-panel";

/** Email first, then SMS for individuals; what is due comes from the stored sFOX state. */
export function VerifyStep({ wizard, sandbox }: { wizard: LoadedWizard; sandbox: boolean }) {
  const due = dueVerification(wizard.user) ?? "email";
  const contact = wizard.draft.contact;
  const destination =
    due === "email"
      ? (wizard.user?.email ?? contact?.email ?? "")
      : (parsePhoneNumberFromString(wizard.user?.phoneNumber ?? contact?.phone_number ?? "")?.formatInternational() ?? "");
  const isCorporation = wizard.progress.accountType === "corporation";

  return (
    <div className="space-y-8">
      <VerifyPanel
        key={due}
        type={due}
        destination={destination}
        codeSent={Boolean(wizard.draft.verification?.[due]?.sentAt)}
        resendInSeconds={resendWaitSeconds(wizard.draft, due)}
        sandbox={sandbox}
        stepCount={isCorporation ? 1 : 2}
        stepNumber={due === "email" ? 1 : 2}
      />
      <RequirementsChecklist
        requirements={wizard.user?.requirements ?? { email: true, sms: !isCorporation }}
        isCorporation={isCorporation}
      />
    </div>
  );
}
