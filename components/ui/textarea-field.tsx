import type { ComponentProps, ReactNode } from "react";
import { FieldLabel, FieldMessages, FieldShell, controlClass, cx } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type TextareaFieldProps = Omit<
  ComponentProps<"textarea">,
  "id" | "name" | "className" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  textareaClassName?: string;
};

/** A labelled `<textarea>`; spread `register(name)` onto it. */
export function TextareaField({
  label,
  hint,
  error,
  optional,
  className,
  textareaClassName,
  rows = 4,
  ...textareaProps
}: TextareaFieldProps) {
  const id = fieldId(textareaProps.name);
  return (
    <FieldShell error={error} className={className}>
      <FieldLabel htmlFor={id} optional={optional}>
        {label}
      </FieldLabel>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        {...textareaProps}
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        className={cx(controlClass(!!error), "mt-2 resize-y", textareaClassName)}
      />
    </FieldShell>
  );
}
