import type { ComponentProps, ReactNode } from "react";
import { ChoiceCard } from "@/components/ui/choice-card";
import { FieldMessages, FieldShell, OptionalMark, cx } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type RadioOption = { value: string; label: ReactNode; description?: ReactNode };

export type RadioGroupFieldProps = Omit<
  ComponentProps<"input">,
  "id" | "name" | "type" | "value" | "checked" | "className" | "aria-describedby" | "aria-invalid"
> & {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  options: readonly RadioOption[];
  /** Two cards per row from the `sm` breakpoint (short options only). */
  columns?: 1 | 2;
  className?: string;
};

/** A `<fieldset>` of radio cards; spread `register(name)` onto it (it reaches every radio). */
export function RadioGroupField({
  legend,
  hint,
  error,
  optional,
  options,
  columns = 1,
  className,
  ...radioProps
}: RadioGroupFieldProps) {
  const id = fieldId(radioProps.name);
  return (
    <FieldShell error={error} className={className}>
      <fieldset aria-describedby={describedBy(id, { hint, error })}>
        <legend className="text-ink font-medium">
          {legend}
          <OptionalMark optional={optional} />
        </legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className={cx("mt-2 grid gap-3", columns === 2 && "sm:grid-cols-2")}>
          {options.map((option, index) => (
            <ChoiceCard
              key={option.value}
              {...radioProps}
              type="radio"
              id={index === 0 ? id : `${id}-${fieldId(option.value)}`}
              value={option.value}
              label={option.label}
              description={option.description}
              aria-invalid={error ? true : undefined}
            />
          ))}
        </div>
      </fieldset>
    </FieldShell>
  );
}
