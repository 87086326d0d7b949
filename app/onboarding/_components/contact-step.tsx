"use client";

import { Controller } from "react-hook-form";
import { PhoneField } from "@/components/ui/phone-field";
import { TextField } from "@/components/ui/text-field";
import type { ContactStepInput } from "@/lib/validations/contact-step";
import { StepForm } from "./step-form";
import { StepHeading } from "./step-heading";
import { useStepForm } from "./use-step-form";

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);

export function ContactStep({
  defaults,
  defaultCountry,
  isCorporation,
  returnTo,
}: {
  defaults: Partial<ContactStepInput>;
  defaultCountry: string;
  isCorporation: boolean;
  returnTo?: string;
}) {
  const { form, ...step } = useStepForm({
    step: "contact",
    loadSchema: () => import("@/lib/validations/contact-step").then((rules) => rules.contactStepSchema),
    defaultValues: { phone_country_code: defaultCountry, phone_number: "", ...defaults },
    returnTo,
  });
  const { register, control, formState } = form;
  const errors = formState.errors;

  return (
    <>
      <StepHeading
        description={
          isCorporation
            ? "The person we should contact about the company's account. We send codes to this email and phone."
            : "We send verification codes to this email address and phone number."
        }
      >
        Contact details
      </StepHeading>
      <StepForm {...step} backHref="/onboarding/account">
        <div className="grid gap-6 sm:grid-cols-2">
          <TextField label="First name" autoComplete="given-name" maxLength={100} error={errors.first_name?.message} {...register("first_name", { setValueAs: trimmed })} />
          <TextField label="Last name" autoComplete="family-name" maxLength={100} error={errors.last_name?.message} {...register("last_name", { setValueAs: trimmed })} />
        </div>
        <TextField
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          maxLength={254}
          error={errors.email?.message}
          {...register("email", { setValueAs: trimmed })}
        />
        <Controller
          control={control}
          name="phone_number"
          render={({ field }) => (
            <Controller
              control={control}
              name="phone_country_code"
              render={({ field: country }) => (
                <PhoneField
                  label="Mobile phone"
                  hint="We will text a code to this number."
                  name={field.name}
                  countryName={country.name}
                  country={country.value}
                  onCountryChange={country.onChange}
                  number={field.value}
                  onNumberChange={field.onChange}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  countryRef={country.ref}
                  error={errors.phone_number?.message}
                  countryError={errors.phone_country_code?.message}
                />
              )}
            />
          )}
        />
      </StepForm>
    </>
  );
}
