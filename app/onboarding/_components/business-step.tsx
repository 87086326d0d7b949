"use client";

import { Controller, type FieldPath } from "react-hook-form";
import { CountryField } from "@/components/ui/country-field";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { YesNoField } from "@/components/ui/yes-no-field";
import type { Business, BusinessStepInput } from "@/lib/validations/business-step";
import { BUSINESS_TYPES, ORGANIZATION_TYPES } from "@/lib/validations/enums";
import { MAX_LENGTH } from "@/lib/validations/limits";
import { RegionField } from "./region-field";
import { StepForm } from "./step-form";
import { StepHeading } from "./step-heading";
import { useStepForm } from "./use-step-form";

const ORGANIZATION_OPTIONS = ORGANIZATION_TYPES.map((type) => ({ value: type, label: type }));
const BUSINESS_OPTIONS = BUSINESS_TYPES.map((type) => ({ value: type, label: type }));

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);
const trimmedOrUndefined = (value: unknown) =>
  typeof value === "string" ? value.trim() || undefined : value;
const postalCode = (value: unknown) =>
  typeof value === "string" ? value.replace(/\s+/g, "").toUpperCase() : value;

type RegionName = Extract<
  FieldPath<BusinessStepInput>,
  "business.incorporation_state" | "business.principal_place_state"
>;

export function BusinessStep({ defaults, returnTo }: { defaults: Partial<Business>; returnTo?: string }) {
  const { form, ...step } = useStepForm({
    step: "business",
    loadSchema: () => import("@/lib/validations/business-step").then((rules) => rules.businessStepSchema),
    defaultValues: { business: defaults },
    returnTo,
  });
  const { register, control, watch, getValues, setValue, formState } = form;
  const errors = formState.errors.business;
  const incorporationCountry = watch("business.incorporation_country");
  const placeCountry = watch("business.principal_place_country");
  const isUsPlace = placeCountry === "US";

  // The US state list and the free text elsewhere share no values: moving into or out of the US
  // starts the region over rather than leaving "Ontario" behind an empty state list.
  function changeCountry(region: RegionName, from: string | undefined, to: string) {
    if ((from === "US") !== (to === "US") && getValues(region)) setValue(region, "", { shouldDirty: true });
  }

  return (
    <>
      <StepHeading description="The company or organisation that will own the account, as it is registered.">
        About the business
      </StepHeading>
      <StepForm {...step} backHref="/onboarding/contact">
        <TextField
          label="Legal name"
          hint="As it appears on the certificate of incorporation."
          autoComplete="organization"
          maxLength={MAX_LENGTH.entityName}
          error={errors?.entity_name?.message}
          {...register("business.entity_name", { setValueAs: trimmed })}
        />
        <SelectField
          label="Type of organisation"
          placeholder="Choose a type"
          options={ORGANIZATION_OPTIONS}
          error={errors?.organization_type?.message}
          {...register("business.organization_type")}
        />
        <SelectField
          label="Type of business"
          placeholder="Choose the closest match"
          options={BUSINESS_OPTIONS}
          error={errors?.business_type?.message}
          {...register("business.business_type")}
        />
        <TextField
          label="Registration number or TIN"
          hint="For US companies, the Employer Identification Number (EIN). Letters, digits and dashes only."
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_LENGTH.registrationNumber}
          error={errors?.registration_number?.message}
          {...register("business.registration_number", { setValueAs: trimmed })}
        />
        <TextareaField
          label="What the business does"
          hint="A few sentences about its products or services and who its customers are. At most 1,000 characters."
          maxLength={MAX_LENGTH.description}
          error={errors?.description?.message}
          {...register("business.description", { setValueAs: trimmed })}
        />
        <TextField
          label="Website"
          optional
          type="url"
          inputMode="url"
          hint="The full address, for example https://example.com"
          autoComplete="url"
          spellCheck={false}
          maxLength={MAX_LENGTH.website}
          error={errors?.website?.message}
          {...register("business.website", { setValueAs: trimmedOrUndefined })}
        />

        <fieldset className="space-y-6">
          <legend className="text-lg font-semibold">Incorporation</legend>
          <Controller
            control={control}
            name="business.incorporation_country"
            render={({ field }) => (
              <CountryField
                label="Country of incorporation"
                error={errors?.incorporation_country?.message}
                {...field}
                value={field.value ?? ""}
                onChange={(code) => {
                  const previous = field.value;
                  field.onChange(code);
                  changeCountry("business.incorporation_state", previous, code);
                }}
              />
            )}
          />
          <RegionField
            name="business.incorporation_state"
            country={incorporationCountry}
            register={register}
            error={errors?.incorporation_state?.message}
          />
          <TextField
            label="Date of incorporation"
            type="date"
            hint="The date on the certificate of incorporation"
            inputClassName="sm:max-w-xs"
            error={errors?.incorporation_date?.message}
            {...register("business.incorporation_date")}
          />
        </fieldset>

        <fieldset className="space-y-6" aria-describedby="principal-place-hint">
          <legend className="text-lg font-semibold">Principal place of business</legend>
          <p id="principal-place-hint" className="text-ink-muted -mt-4 text-sm">
            Where the business is run from, not a registered agent&apos;s address.
          </p>
          <Controller
            control={control}
            name="business.principal_place_country"
            render={({ field }) => (
              <CountryField
                label="Country"
                error={errors?.principal_place_country?.message}
                {...field}
                value={field.value ?? ""}
                onChange={(code) => {
                  const previous = field.value;
                  field.onChange(code);
                  changeCountry("business.principal_place_state", previous, code);
                }}
              />
            )}
          />
          <TextField
            label="Street address"
            autoComplete="address-line1"
            maxLength={MAX_LENGTH.addressLine}
            error={errors?.principal_place_address?.message}
            {...register("business.principal_place_address", { setValueAs: trimmed })}
          />
          <TextField
            label="Town or city"
            autoComplete="address-level2"
            maxLength={MAX_LENGTH.city}
            error={errors?.principal_place_city?.message}
            {...register("business.principal_place_city", { setValueAs: trimmed })}
          />
          <div className="grid gap-6 sm:grid-cols-2">
            <RegionField
              name="business.principal_place_state"
              country={placeCountry}
              register={register}
              error={errors?.principal_place_state?.message}
            />
            <TextField
              label={isUsPlace ? "ZIP code" : "Postal code"}
              hint={isUsPlace ? "5 digits" : "Letters and numbers"}
              autoComplete="postal-code"
              inputMode={isUsPlace ? "numeric" : "text"}
              maxLength={12}
              error={errors?.principal_place_postal_code?.message}
              {...register("business.principal_place_postal_code", { setValueAs: postalCode })}
            />
          </div>
        </fieldset>

        <Controller
          control={control}
          name="business.accredited_investor"
          render={({ field }) => (
            <YesNoField
              legend="Is the business an accredited investor?"
              hint="A business qualifies when it meets the SEC's tests, for example it has more than $5 million in assets, or every one of its owners is an accredited investor."
              error={errors?.accredited_investor?.message}
              {...field}
            />
          )}
        />
        <Controller
          control={control}
          name="business.non_agent_intermediary"
          render={({ field }) => (
            <YesNoField
              legend="Is the business a non-agent intermediary?"
              hint="Answer Yes if it moves money or crypto for other people in its own name, as a money transmitter, payment processor or broker does. Answer No if it only trades for itself."
              error={errors?.non_agent_intermediary?.message}
              {...field}
            />
          )}
        />
      </StepForm>
    </>
  );
}
