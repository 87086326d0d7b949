"use client";

import type { ReactNode, Ref } from "react";
import { Combobox } from "@/components/ui/combobox";
import type { ComboboxOption } from "@/components/ui/combobox-filter";
import { FieldLabel, FieldMessages, FieldShell } from "@/components/ui/field";
import { describedBy, fieldId } from "@/components/ui/field-id";

export type { ComboboxOption };

export type ComboboxFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  options: readonly ComboboxOption[];
  value: string | null | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
  name: string;
  /** Goes to the input, so `setFocus(name)` works. */
  ref?: Ref<HTMLInputElement>;
  placeholder?: string;
  emptyText?: string;
  disabled?: boolean;
  className?: string;
};

/** A labelled, searchable single select (for `<Controller>`). */
export function ComboboxField({
  label,
  hint,
  error,
  optional,
  className,
  ...comboboxProps
}: ComboboxFieldProps) {
  const id = fieldId(comboboxProps.name);
  return (
    <FieldShell error={error} className={className}>
      <FieldLabel htmlFor={id} id={`${id}-label`} optional={optional}>
        {label}
      </FieldLabel>
      <FieldMessages id={id} hint={hint} error={error} />
      <Combobox
        {...comboboxProps}
        id={id}
        labelId={`${id}-label`}
        clearable={optional}
        invalid={!!error}
        describedBy={describedBy(id, { hint, error })}
        className="mt-2"
      />
    </FieldShell>
  );
}
