"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { submitRegistration } from "../_actions/submit-registration";
import { useWizardMemory } from "./wizard-provider";
import { callAction } from "@/lib/action-result";

/** Consent and Submit. The id numbers go from this tab's memory straight to the server action. */
export function SubmitRegistration({ isCorporation, ownerCount }: { isCorporation: boolean; ownerCount: number }) {
  const router = useRouter();
  const memory = useWizardMemory();
  const [pending, startTransition] = useTransition();
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);
  const consentRef = useRef<HTMLInputElement>(null);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!consent) {
      setConsentError("Confirm that the information is accurate and that you accept the terms");
      consentRef.current?.focus();
      return;
    }
    setConsentError(undefined);
    setFormError(null);
    startTransition(async () => {
      const ids = isCorporation
        ? { owners: Array.from({ length: ownerCount }, (_, index) => memory.ownerIds[index] ?? "") }
        : { individual: memory.individualId ?? "" };
      const result = await callAction(() => submitRegistration({ consent: true, ids }));
      if (result.ok) {
        router.push(result.redirectTo ?? "/onboarding/verify");
        return;
      }
      if ("step" in result) {
        memory.returnErrors(result.step, result.fieldErrors);
        router.push(`/onboarding/${result.step}?return=review`);
        return;
      }
      if (result.fieldErrors?.consent) setConsentError(result.fieldErrors.consent);
      if (result.formError) setFormError(result.formError);
      if (result.redirectTo) router.push(result.redirectTo);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6 border-t border-gray-200 pt-6">
      {formError ? (
        <Alert tone="error" live title="Your application was not sent">
          {formError}
        </Alert>
      ) : null}
      <CheckboxField
        ref={consentRef}
        name="consent"
        checked={consent}
        onChange={(event) => setConsent(event.target.checked)}
        label="I confirm that the information I have given is accurate and complete, and I accept the terms of service."
        description="We record the time you confirm this. The account is opened at sFOX under its terms."
        error={consentError}
      />
      <Button type="submit" variant="primary" pending={pending} pendingText="Submitting…" className="w-full sm:w-auto">
        Submit application
      </Button>
    </form>
  );
}
