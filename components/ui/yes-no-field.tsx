"use client";

import type { FocusEvent, ReactNode, Ref } from "react";
import { ChoiceCard } from "@/components/ui/choice-card";
import { FieldMessages, FieldShell, OptionalMark, cx } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type YesNoFieldProps = {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  name: string;
  value: boolean | null | undefined;
  onChange: (value: boolean) => void;
  onBlur?: () => void;
  /** Goes to the "Yes" radio, which also carries `fieldId(name)`. */
  ref?: Ref<HTMLInputElement>;
  yesDescription?: ReactNode;
  noDescription?: ReactNode;
  disabled?: boolean;
  className?: string;
};

/** A controlled yes/no question (for `<Controller>`): two radios mapped to `true` / `false`. */
export function YesNoField({
  legend,
  hint,
  error,
  optional,
  name,
  value,
  onChange,
  onBlur,
  ref,
  yesDescription,
  noDescription,
  disabled,
  className,
}: YesNoFieldProps) {
  const id = fieldId(name);
  const invalid = error ? true : undefined;

  // Arrow keys move focus between the two radios; the field is "touched" only once focus leaves it.
  function handleBlur(event: FocusEvent<HTMLFieldSetElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) onBlur?.();
  }

  return (
    <FieldShell error={error} className={className}>
      <fieldset aria-describedby={describedBy(id, { hint, error })} onBlur={handleBlur}>
        <legend className="text-ink font-medium">
          {legend}
          <OptionalMark optional={optional} />
        </legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div
          className={cx(
            "mt-2 grid gap-3",
            yesDescription || noDescription ? "sm:grid-cols-2" : "grid-cols-2",
          )}
        >
          <ChoiceCard
            ref={ref}
            type="radio"
            id={id}
            name={name}
            value="yes"
            label="Yes"
            description={yesDescription}
            checked={value === true}
            onChange={() => onChange(true)}
            disabled={disabled}
            aria-invalid={invalid}
          />
          <ChoiceCard
            type="radio"
            id={`${id}-no`}
            name={name}
            value="no"
            label="No"
            description={noDescription}
            checked={value === false}
            onChange={() => onChange(false)}
            disabled={disabled}
            aria-invalid={invalid}
          />
        </div>
      </fieldset>
    </FieldShell>
  );
}
