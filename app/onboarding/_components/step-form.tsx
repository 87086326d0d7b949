"use client";

import Link from "next/link";
import type { FormEventHandler, ReactNode, RefObject } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { SummaryError } from "./use-step-form";

interface StepFormProps {
  onSubmit: FormEventHandler<HTMLFormElement>;
  pending: boolean;
  formError: string | null;
  summary: SummaryError[];
  summaryRef: RefObject<HTMLDivElement | null>;
  /** Called when a field takes focus: fetches the validation rules before the first blur needs them. */
  preloadValidation: () => void;
  backHref?: string;
  submitLabel?: string;
  children: ReactNode;
}

/** The frame of every form step: problems first, the fields, then Back and Continue. */
export function StepForm({ onSubmit, pending, formError, summary, summaryRef, preloadValidation, backHref, submitLabel = "Continue", children }: StepFormProps) {
  return (
    <form onSubmit={onSubmit} onFocus={preloadValidation} noValidate className="space-y-6" aria-busy={pending}>
      <ErrorSummary ref={summaryRef} errors={summary} />
      {formError ? (
        <Alert tone="error" live>
          {formError}
        </Alert>
      ) : null}
      {children}
      <div className="flex flex-col-reverse items-stretch gap-3 border-t border-gray-200 pt-6 sm:flex-row sm:items-center sm:justify-between">
        {backHref ? (
          <Link href={backHref} className="inline-flex min-h-11 items-center justify-center font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900">
            Back
          </Link>
        ) : (
          <span />
        )}
        <Button
          type="submit"
          variant="primary"
          pending={pending}
          pendingText="Saving…"
          // Pressing Continue must not blur the field first: its on-blur error would push this button
          // down before the mouse is released, and the click would land beside it and be lost.
          onMouseDown={(event) => event.preventDefault()}
        >
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
