"use client";

import { useId } from "react";
import type { MouseEvent, Ref } from "react";
import { cx } from "@/components/ui/field";
import { fieldId } from "@/components/ui/field-id";

export type ErrorSummaryItem = { name: string; message: string };

export type ErrorSummaryProps = {
  errors: readonly ErrorSummaryItem[];
  title?: string;
  /** The box: focus it after a failed submit. */
  ref?: Ref<HTMLDivElement>;
  className?: string;
};

/** Focuses the field and scrolls its question (legend of a radio group, else its label) into view. */
function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
  const field = document.getElementById(fieldId(name));
  if (!field) return; // let the link jump
  event.preventDefault();
  const isRadio = field instanceof HTMLInputElement && field.type === "radio";
  const question =
    (isRadio ? field.closest("fieldset")?.querySelector("legend") : null) ??
    document.querySelector(`label[for="${CSS.escape(field.id)}"]`) ??
    field;
  question.scrollIntoView({ block: "start" });
  field.focus({ preventScroll: true });
}

/** The list of a form's errors, each a link to its field; nothing when there are none. */
export function ErrorSummary({ errors, title = "There is a problem", ref, className }: ErrorSummaryProps) {
  const headingId = useId();
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
      className={cx(
        "rounded-lg border-2 border-l-8 border-red-700 bg-white p-4 sm:p-5",
        "focus:outline-brand-600 focus:outline-3 focus:outline-offset-2",
        className,
      )}
    >
      <h2 id={headingId} className="text-ink text-lg font-bold">
        {title}
      </h2>
      <ul className="mt-2 space-y-1">
        {errors.map((error) => (
          <li key={error.name}>
            <a
              href={`#${fieldId(error.name)}`}
              onClick={(event) => focusField(event, error.name)}
              className="inline-block py-1 font-semibold text-red-700 underline underline-offset-2 hover:text-red-900 hover:decoration-2"
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
