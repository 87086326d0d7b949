"use client";

import type { ChangeEvent } from "react";
import { Controller } from "react-hook-form";
import { CountryField } from "@/components/ui/country-field";
import { RadioGroupField } from "@/components/ui/radio-group-field";
import { SecretField } from "@/components/ui/secret-field";
import { TextField } from "@/components/ui/text-field";
import type { StoredIndividual } from "@/lib/onboarding/draft";
import type { CountryCode } from "@/lib/validations/countries";
import { RegionField } from "./region-field";
import { StepForm } from "./step-form";
import { StepHeading } from "./step-heading";
import { useStepForm } from "./use-step-form";
import { useWizardMemory } from "./wizard-provider";

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);
const postalCode = (value: unknown) => (typeof value === "string" ? value.replace(/\s+/g, "").toUpperCase() : value);
const idNumber = (value: unknown) => (typeof value === "string" ? value.replace(/[\s-]+/g, "") : value);

/** Fields a change of country or id type starts over. */
type EmptiedPath = "individual.residential_state" | "individual.id_number" | "individual.id_country_code";

export function IdentityStep({ defaults, returnTo }: { defaults: Partial<StoredIndividual>; returnTo?: string }) {
  const memory = useWizardMemory();
  const { form, ...step } = useStepForm({
    step: "identity",
    loadSchema: () => import("@/lib/validations/identity-step").then((rules) => rules.identityStepSchema),
    defaultValues: { individual: { id_number: memory.individualId ?? "", ...defaults } },
    returnTo,
    onSaved: (values) => memory.rememberIndividualId(values.individual.id_number),
  });
  const { register, control, watch, setValue, getValues, getFieldState, formState } = form;
  const errors = formState.errors.individual;
  const country = watch("individual.residential_country_code");
  const idType = watch("individual.id_type");
  const isUs = country === "US";

  const options = (path: EmptiedPath) => ({ shouldDirty: true, shouldValidate: !!getFieldState(path).error });
  // Back to how a fresh form has it: no text, and no issuing country chosen yet.
  function empty(path: EmptiedPath) {
    if (path === "individual.id_country_code") setValue(path, undefined as unknown as CountryCode, options(path));
    else setValue(path, "", options(path));
  }

  function changeCountry(from: string | undefined, to: string) {
    // The US state list and the free text elsewhere share no values: "CA" is no UK region.
    if ((from === "US") !== (to === "US") && getValues("individual.residential_state")) empty("individual.residential_state");
    // Outside the US only a passport is accepted.
    if (to !== "US" && getValues("individual.id_type") !== "passport") {
      const previous = getValues("individual.id_type");
      setValue("individual.id_type", "passport", { shouldDirty: true });
      afterIdTypeChange(previous, "passport");
    }
  }

  function afterIdTypeChange(previous: string | undefined, next: string) {
    // The number of one document is never the number of the other: never send an SSN as a passport number.
    if (previous && previous !== next) empty("individual.id_number");
    // An SSN is always issued by the US; a passport's issuer is the user's to choose.
    if (next === "ssn") setValue("individual.id_country_code", "US", options("individual.id_country_code"));
    else if (previous === "ssn") empty("individual.id_country_code");
  }

  const idTypeOptions = isUs
    ? [
        { value: "ssn", label: "Social Security number (SSN)" },
        { value: "passport", label: "Passport" },
      ]
    : [{ value: "passport", label: "Passport", description: "People living outside the US verify with a passport." }];

  return (
    <>
      <StepHeading description="We need these details to verify who you are, as financial regulations require.">
        Identity and residence
      </StepHeading>
      <StepForm {...step} backHref="/onboarding/contact">
        <TextField
          label="Date of birth"
          type="date"
          hint="You must be 18 or older."
          autoComplete="bday"
          error={errors?.dob?.message}
          {...register("individual.dob")}
        />
        <fieldset className="space-y-6">
          <legend className="text-lg font-semibold">Where you live</legend>
          <Controller
            control={control}
            name="individual.residential_country_code"
            render={({ field }) => (
              <CountryField
                label="Country of residence"
                error={errors?.residential_country_code?.message}
                {...field}
                value={field.value ?? ""}
                onChange={(code) => {
                  const previous = field.value;
                  field.onChange(code);
                  changeCountry(previous, code);
                }}
              />
            )}
          />
          <TextField label="Street address" autoComplete="address-line1" maxLength={80} error={errors?.residential_address?.message} {...register("individual.residential_address", { setValueAs: trimmed })} />
          <TextField label="Town or city" autoComplete="address-level2" maxLength={100} error={errors?.residential_city?.message} {...register("individual.residential_city", { setValueAs: trimmed })} />
          <div className="grid gap-6 sm:grid-cols-2">
            <RegionField
              name="individual.residential_state"
              country={country}
              register={register}
              error={errors?.residential_state?.message}
            />
            <TextField
              label={isUs ? "ZIP code" : "Postal code"}
              hint={isUs ? "5 digits" : "Letters and numbers"}
              autoComplete="postal-code"
              inputMode={isUs ? "numeric" : "text"}
              maxLength={12}
              error={errors?.residential_postal_code?.message}
              {...register("individual.residential_postal_code", { setValueAs: postalCode })}
            />
          </div>
        </fieldset>
        <fieldset className="space-y-6">
          <legend className="text-lg font-semibold">Proof of identity</legend>
          <RadioGroupField legend="Type of id" options={idTypeOptions} error={errors?.id_type?.message} {...register("individual.id_type", {
              // `idType` is still the value of the last render: the one before this change.
              onChange: (event: ChangeEvent<HTMLInputElement>) => afterIdTypeChange(idType, event.target.value),
            })}
          />
          <SecretField
            label={idType === "ssn" ? "Social Security number" : "Passport number"}
            hint={
              idType === "ssn"
                ? "9 digits. We send it to sFOX to verify you and never store it."
                : "As printed on your passport. We send it to sFOX to verify you and never store it."
            }
            error={errors?.id_number?.message}
            {...register("individual.id_number", { setValueAs: idNumber })}
          />
          {idType === "ssn" ? (
            <p className="text-sm text-ink-muted">An SSN is issued by the United States.</p>
          ) : (
            <Controller
              control={control}
              name="individual.id_country_code"
              render={({ field }) => (
                <CountryField label="Country that issued your passport" error={errors?.id_country_code?.message} {...field} value={field.value ?? ""} />
              )}
            />
          )}
        </fieldset>
      </StepForm>
    </>
  );
}
