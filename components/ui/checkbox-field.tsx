import type { ComponentProps, ReactNode } from "react";
import { FieldMessages, FieldShell } from "@/components/ui/field";
import { errorId, fieldId } from "@/components/ui/field-id";

export type CheckboxFieldProps = Omit<
  ComponentProps<"input">,
  "id" | "name" | "type" | "className" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  /** May hold a link (for example to the terms); keep it short, details go in `description`. */
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  className?: string;
};

/** A single checkbox with its label beside it; spread `register(name)` onto it. */
export function CheckboxField({ label, description, error, className, ...inputProps }: CheckboxFieldProps) {
  const id = fieldId(inputProps.name);
  const descriptionId = `${id}-description`;
  const ids = [description ? descriptionId : null, error ? errorId(id) : null].filter(Boolean).join(" ");
  return (
    <FieldShell error={error} className={className}>
      <FieldMessages id={id} error={error} />
      <div className="flex items-start gap-3">
        <div className="flex h-11 shrink-0 items-center">
          <input
            {...inputProps}
            id={id}
            type="checkbox"
            aria-invalid={error ? true : undefined}
            aria-describedby={ids || undefined}
            className="accent-brand-600 size-6 cursor-pointer rounded disabled:cursor-not-allowed"
          />
        </div>
        <div className="min-w-0">
          <label htmlFor={id} className="text-ink block cursor-pointer py-2.5 font-medium">
            {label}
          </label>
          {description ? (
            <p id={descriptionId} className="text-ink-muted -mt-1.5 pb-2 text-sm">
              {description}
            </p>
          ) : null}
        </div>
      </div>
    </FieldShell>
  );
}
