import type { ComponentProps, ReactNode } from "react";
import { FieldLabel, FieldMessages, FieldShell, controlClass, cx } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type TextFieldProps = Omit<
  ComponentProps<"input">,
  "id" | "name" | "className" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  /** Classes of the wrapper (layout). */
  className?: string;
  /** Classes of the input itself, for example a narrower width (`sm:max-w-xs`). */
  inputClassName?: string;
};

/** A labelled `<input>`; spread `register(name)` onto it. */
export function TextField({
  label,
  hint,
  error,
  optional,
  className,
  inputClassName,
  type = "text",
  ...inputProps
}: TextFieldProps) {
  const id = fieldId(inputProps.name);
  return (
    <FieldShell error={error} className={className}>
      <FieldLabel htmlFor={id} optional={optional}>
        {label}
      </FieldLabel>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        {...inputProps}
        id={id}
        type={type}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={cx(controlClass(!!error), "mt-2", inputClassName)}
      />
    </FieldShell>
  );
}
