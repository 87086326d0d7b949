"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { VerificationType } from "@/lib/onboarding/verification";
import { confirmVerificationCode, sendVerificationCode } from "../_actions/verification";
import { StepHeading } from "./step-heading";
import { callAction } from "@/lib/action-result";

interface VerifyPanelProps {
  type: VerificationType;
  destination: string;
  codeSent: boolean;
  resendInSeconds: number;
  sandbox: boolean;
  stepNumber: number;
  stepCount: number;
}

const NOUN = { email: "email address", sms: "mobile phone" } as const;
const CHANNEL = { email: "an email", sms: "a text message" } as const;

export function VerifyPanel({ type, destination, codeSent, resendInSeconds, sandbox, stepNumber, stepCount }: VerifyPanelProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [sent, setSent] = useState(codeSent);
  const [secondsLeft, setSecondsLeft] = useState(resendInSeconds);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, startSending] = useTransition();
  const [confirming, startConfirming] = useTransition();
  const codeInput = useRef<HTMLInputElement>(null);
  // After the first send the code field only appears with the next render: focus it once it is there.
  const [codeFocusRequest, setCodeFocusRequest] = useState(0);

  useEffect(() => {
    if (codeFocusRequest > 0) codeInput.current?.focus();
  }, [codeFocusRequest]);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  function send() {
    setFormError(null);
    startSending(async () => {
      const result = await callAction(() => sendVerificationCode(type));
      if (result.ok) {
        if (result.redirectTo) return navigate(result.redirectTo);
        setSent(true);
        setSecondsLeft(result.data?.resendInSeconds ?? 30);
        setNotice(`We sent a new code to ${destination}.`);
        setCodeFocusRequest((count) => count + 1);
        return;
      }
      if (result.retryAfterSeconds) setSecondsLeft(result.retryAfterSeconds);
      setFormError(result.formError ?? "The code could not be sent.");
      if (result.redirectTo) navigate(result.redirectTo);
    });
  }

  function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!/^\d{6}$/.test(code.trim())) {
      setCodeError("Enter the 6-digit code from the message");
      codeInput.current?.focus();
      return;
    }
    setCodeError(undefined);
    startConfirming(async () => {
      const result = await callAction(() => confirmVerificationCode({ type, code }));
      if (result.ok) return navigate(result.redirectTo ?? "/onboarding/done");
      if (result.fieldErrors?.code) {
        setCodeError(result.fieldErrors.code);
        codeInput.current?.focus();
      }
      if (result.retryAfterSeconds) setSecondsLeft(result.retryAfterSeconds);
      if (result.formError) setFormError(result.formError);
      if (result.redirectTo) navigate(result.redirectTo);
    });
  }

  function navigate(target: string) {
    // The next code lives on this same page: re-read the server's state instead of navigating.
    if (target === pathname) router.refresh();
    else router.push(target);
  }

  return (
    <section className="space-y-6">
      <StepHeading description={`Step ${stepNumber} of ${stepCount}: we send you a 6-digit code by ${type === "email" ? "email" : "text message"}.`}>
        Confirm your {NOUN[type]}
      </StepHeading>

      {sandbox ? (
        <Alert tone="info" title="Sandbox: no real message is sent">
          Read the code in the{" "}
          <a href="/onboarding/inbox" target="_blank" rel="noopener" className="font-medium underline underline-offset-4">
            developer inbox (opens in a new tab)
          </a>
          .
        </Alert>
      ) : null}
      {formError ? (
        <Alert tone="error" live>
          {formError}
        </Alert>
      ) : null}
      <p role="status" className="sr-only">
        {notice}
      </p>

      {!sent ? (
        <div className="space-y-4">
          <p>
            We will send {CHANNEL[type]} with a code to <strong className="break-all">{destination}</strong>.
          </p>
          <Button variant="primary" onClick={send} pending={sending} pendingText="Sending…">
            Send code
          </Button>
        </div>
      ) : (
        <form onSubmit={confirm} noValidate className="space-y-4">
          <p>
            We sent {CHANNEL[type]} with a 6-digit code to <strong className="break-all">{destination}</strong>. It is valid for 10 minutes.
          </p>
          <TextField
            ref={codeInput}
            name="code"
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            inputClassName="max-w-48"
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
            error={codeError}
          />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
            <Button type="submit" variant="primary" pending={confirming} pendingText="Checking…">
              Confirm
            </Button>
            <Button variant="secondary" onClick={send} pending={sending} disabled={secondsLeft > 0} pendingText="Sending…">
              {secondsLeft > 0 ? `Resend code in ${secondsLeft < 120 ? `${secondsLeft} s` : `${Math.ceil(secondsLeft / 60)} min`}` : "Resend code"}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
