"use client";

import { useState } from "react";
import type { ComponentProps, ReactNode } from "react";
import { FieldLabel, FieldMessages, FieldShell, controlClass, cx, focusRing } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type SecretFieldProps = Omit<
  ComponentProps<"input">,
  "id" | "name" | "type" | "className" | "autoComplete" | "spellCheck" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  /** Plain text: it also names the Show/Hide button ("Show Social Security number"). */
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  inputClassName?: string;
};

/**
 * A government id number: masked by default, with a Show/Hide toggle. Autofill, spell-check and
 * password managers are kept away from it; the value lives only in the input and the form.
 */
export function SecretField({
  label,
  hint,
  error,
  optional,
  className,
  inputClassName,
  ...inputProps
}: SecretFieldProps) {
  const [visible, setVisible] = useState(false);
  const id = fieldId(inputProps.name);
  return (
    <FieldShell error={error} className={className}>
      <FieldLabel htmlFor={id} optional={optional}>
        {label}
      </FieldLabel>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className={cx("mt-2 flex gap-2", inputClassName)}>
        <input
          {...inputProps}
          id={id}
          type={visible ? "text" : "password"}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="none"
          spellCheck={false}
          data-1p-ignore=""
          data-lpignore="true"
          data-bwignore=""
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { hint, error })}
          className={cx(controlClass(!!error), "min-w-0 flex-1 font-mono tracking-wider")}
        />
        <button
          type="button"
          aria-controls={id}
          aria-pressed={visible}
          aria-label={`${visible ? "Hide" : "Show"} ${label}`}
          onClick={() => setVisible((shown) => !shown)}
          disabled={inputProps.disabled}
          className={cx(
            "text-brand-700 min-h-11 min-w-16 shrink-0 rounded-lg border border-gray-500 bg-white px-3 font-semibold",
            "hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-600",
            focusRing,
          )}
        >
          {visible ? "Hide" : "Show"}
        </button>
      </div>
    </FieldShell>
  );
}
