"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { adminSignInSchema, type AdminSignIn, type AdminSignInInput } from "@/lib/validations/admin-sign-in";
import { outcomeMessage, requestSignIn } from "./sign-in-request";

/**
 * Email and password, checked for presence here and for truth by better-auth. Any failure moves
 * focus to the message that explains it: the field summary, or the alert for a refused sign-in.
 */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const form = useForm<AdminSignInInput, unknown, AdminSignIn>({
    resolver: zodResolver(adminSignInSchema),
    defaultValues: { email: "", password: "" },
    mode: "onTouched",
    shouldFocusError: false,
  });
  const { register, formState, handleSubmit, resetField } = form;
  const [pending, setPending] = useState(false);
  const [summary, setSummary] = useState<ErrorSummaryItem[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    (refusalRef.current ?? summaryRef.current)?.focus();
  }, [focusRequest]);

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary([]);
      setRefusal(null);
      setPending(true);
      const outcome = await requestSignIn(values);
      if (outcome.ok) {
        // Stay busy while the console loads.
        router.replace(next);
        return;
      }
      setPending(false);
      resetField("password");
      setRefusal(outcomeMessage(outcome));
      setFocusRequest((count) => count + 1);
    },
    (errors) => {
      setRefusal(null);
      setSummary(
        (["email", "password"] as const).flatMap((name) => {
          const message = errors[name]?.message;
          return message ? [{ name, message }] : [];
        }),
      );
      setFocusRequest((count) => count + 1);
    },
  );

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-6">
      {refusal ? (
        <div ref={refusalRef} tabIndex={-1} className="focus:outline-brand-600 rounded-lg focus:outline-3 focus:outline-offset-2">
          <Alert tone="error" live title="Could not sign you in">
            {refusal}
          </Alert>
        </div>
      ) : (
        <ErrorSummary ref={summaryRef} errors={summary} />
      )}
      <TextField
        label="Email address"
        type="email"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="none"
        error={formState.errors.email?.message}
        {...register("email")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <Button type="submit" pending={pending} pendingText="Signing in…" className="w-full sm:w-auto">
        Sign in
      </Button>
    </form>
  );
}
