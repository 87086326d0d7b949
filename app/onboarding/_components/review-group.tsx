import Link from "next/link";
import type { ReactNode } from "react";
import { STEP_TITLES, type FormStep } from "@/lib/onboarding/steps";

export type ReviewRow = { label: string; value: ReactNode };

/** One step's answers, with an Edit link that returns here after Continue. */
export function ReviewGroup({ step, title, rows, children }: { step: FormStep; title?: string; rows: ReviewRow[]; children?: ReactNode }) {
  const heading = title ?? STEP_TITLES[step];
  return (
    <section aria-labelledby={`review-${step}`} className="rounded-xl border border-gray-200 p-5">
      <div className="flex items-baseline justify-between gap-4">
        <h2 id={`review-${step}`} className="text-lg font-semibold">
          {heading}
        </h2>
        <Link
          href={`/onboarding/${step}?return=review`}
          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
        >
          Edit<span className="sr-only"> {heading.toLowerCase()}</span>
        </Link>
      </div>
      {rows.length > 0 ? (
        <dl className="mt-3 divide-y divide-gray-100">
          {rows.map((row) => (
            <div key={row.label} className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
              <dt className="text-sm font-medium text-ink-muted">{row.label}</dt>
              <dd className="break-words sm:col-span-2">{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {children}
    </section>
  );
}
