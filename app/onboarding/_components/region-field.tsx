"use client";

import type { FieldValues, Path, UseFormRegister } from "react-hook-form";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { US_STATES } from "@/lib/validations/us-states";

const US_STATE_OPTIONS = US_STATES.map((state) => ({ value: state.code, label: state.name }));

/** A list of states for US addresses, free text elsewhere. */
export function RegionField<Values extends FieldValues>({
  name,
  country,
  register,
  error,
  label,
  textLabel = "State, province or region",
  textHint,
}: {
  name: Path<Values>;
  country: string | undefined;
  register: UseFormRegister<Values>;
  error?: string;
  label?: string;
  textLabel?: string;
  textHint?: string;
}) {
  if (country === "US") {
    return <SelectField label={label ?? "State"} placeholder="Choose a state" options={US_STATE_OPTIONS} autoComplete="address-level1" error={error} {...register(name)} />;
  }
  return (
    <TextField
      label={label ?? textLabel}
      hint={textHint}
      autoComplete="address-level1"
      maxLength={100}
      error={error}
      {...register(name, { setValueAs: (value: unknown) => (typeof value === "string" ? value.trim() : value) })}
    />
  );
}
