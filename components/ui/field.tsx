import type { ReactNode } from "react";
import { errorId, hintId } from "@/components/ui/field-id";
import { VisuallyHidden } from "@/components/ui/visually-hidden";

/** Joins class names, skipping empty ones. */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** Text inputs, textareas and selects: 44 px tall, 16 px text (no zoom on iOS), 3:1 border. */
export function controlClass(invalid: boolean): string {
  return cx(
    "block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-ink placeholder:text-gray-500",
    "disabled:cursor-not-allowed disabled:border-gray-300 disabled:bg-gray-100 disabled:text-gray-600",
    focusRing,
    invalid ? "border-red-700 ring-1 ring-red-700 ring-inset" : "border-gray-500",
  );
}

/** The wrapper of one field or group: a red bar on the left while it has an error. */
export function FieldShell({
  error,
  className,
  children,
}: {
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return <div className={cx(error && "border-l-4 border-red-700 pl-3 sm:pl-4", className)}>{children}</div>;
}

export function OptionalMark({ optional }: { optional?: boolean }) {
  return optional ? <span className="text-ink-muted font-normal"> (optional)</span> : null;
}

export function FieldLabel({
  htmlFor,
  id,
  optional,
  children,
}: {
  htmlFor: string;
  id?: string;
  optional?: boolean;
  children: ReactNode;
}) {
  return (
    <label htmlFor={htmlFor} id={id} className="text-ink block font-medium">
      {children}
      <OptionalMark optional={optional} />
    </label>
  );
}

/** The hint and the error of a field, with the ids its control names in `aria-describedby`. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <div id={hintId(id)} className="text-ink-muted mt-1 text-sm">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId(id)} className="mt-1 text-sm font-semibold text-red-700">
          <VisuallyHidden>Error: </VisuallyHidden>
          {error}
        </p>
      ) : null}
    </>
  );
}
