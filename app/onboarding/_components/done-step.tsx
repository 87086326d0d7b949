import { Alert } from "@/components/ui/alert";
import type { LoadedWizard } from "../_lib/load-wizard";
import { RequirementsChecklist } from "./requirements-checklist";
import { StepHeading } from "./step-heading";

const STATUS_TEXT = {
  pending: {
    title: "Your application is with sFOX",
    body: "Your details are confirmed. sFOX is reviewing your account; this usually takes a moment. You can close this page and come back.",
  },
  verified: {
    title: "Your account is open",
    body: "sFOX has verified your account. You can now link a bank account, deposit and trade.",
  },
  unsupported: {
    title: "We cannot open this account",
    body: "sFOX cannot support this account at the moment, often because of where the account holder lives. Nothing was charged. If you think this is a mistake, contact our support team.",
  },
} as const;

/** The account's status as the server last stored it (live updates come over the event stream). */
export function DoneStep({ wizard }: { wizard: LoadedWizard }) {
  const status = wizard.user?.status ?? "pending";
  const text = STATUS_TEXT[status];
  return (
    <div className="space-y-8">
      <StepHeading>{text.title}</StepHeading>
      <Alert tone={status === "verified" ? "success" : status === "unsupported" ? "warning" : "info"} title={`Status: ${status.charAt(0).toUpperCase()}${status.slice(1)}`}>
        {text.body}
      </Alert>
      <RequirementsChecklist
        requirements={wizard.user?.requirements ?? {}}
        isCorporation={wizard.progress.accountType === "corporation"}
      />
    </div>
  );
}
