import type { ComponentProps, ReactNode } from "react";
import { FieldLabel, FieldMessages, FieldShell, controlClass, cx } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type SelectOption = { value: string; label: string };

export type SelectFieldProps = Omit<
  ComponentProps<"select">,
  "id" | "name" | "className" | "children" | "multiple" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  options: readonly SelectOption[];
  /** The text of the first, empty option; `false` leaves it out (only when a value is always set). */
  placeholder?: string | false;
  className?: string;
  selectClassName?: string;
};

/** A labelled native `<select>`; spread `register(name)` onto it. */
export function SelectField({
  label,
  hint,
  error,
  optional,
  options,
  placeholder = "Choose…",
  className,
  selectClassName,
  ...selectProps
}: SelectFieldProps) {
  const id = fieldId(selectProps.name);
  return (
    <FieldShell error={error} className={className}>
      <FieldLabel htmlFor={id} optional={optional}>
        {label}
      </FieldLabel>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className={cx("relative mt-2", selectClassName)}>
        <select
          {...selectProps}
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error })}
          className={cx(controlClass(!!error), "appearance-none pr-10")}
        >
          {placeholder !== false ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="text-ink-muted pointer-events-none absolute top-1/2 right-3 size-5 -translate-y-1/2"
        >
          <path
            fillRule="evenodd"
            d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z"
            clipRule="evenodd"
          />
        </svg>
      </div>
    </FieldShell>
  );
}
