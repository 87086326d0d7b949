"use client";

import { RadioGroupField } from "@/components/ui/radio-group-field";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { AccountStepInput } from "@/lib/validations/account-step";
import { ACCOUNT_PURPOSES_BY_TYPE } from "@/lib/validations/enums";
import { StepForm } from "./step-form";
import { StepHeading } from "./step-heading";
import { useStepForm } from "./use-step-form";

const TYPE_OPTIONS = [
  { value: "individual", label: "An individual", description: "A personal account in your own name." },
  { value: "corporation", label: "A company or organisation", description: "You will add the business and the people who own it." },
] as const;

const ROLE_OPTIONS = [
  { value: "client", label: "Client", description: "You trade for yourself or your organisation." },
  { value: "advisor", label: "Advisor", description: "You manage accounts for clients you advise." },
] as const;

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export function AccountStep({ defaults, returnTo }: { defaults: Partial<AccountStepInput>; returnTo?: string }) {
  const { form, ...step } = useStepForm({
    step: "account",
    loadSchema: () => import("@/lib/validations/account-step").then((rules) => rules.accountStepSchema),
    defaultValues: defaults,
    returnTo,
  });
  const { register, watch, formState, getValues, setValue } = form;
  const accountType = watch("account_type");
  const role = watch("account_role");
  const purposes = accountType ? ACCOUNT_PURPOSES_BY_TYPE[accountType] : [];
  const errors = formState.errors;

  const typeField = register("account_type", {
    onChange: () => {
      // Purposes differ per account type: a purpose of the other type would only confuse.
      const purpose = getValues("account_purpose");
      const type = getValues("account_type");
      if (purpose && type && !(ACCOUNT_PURPOSES_BY_TYPE[type] as readonly string[]).includes(purpose)) {
        setValue("account_purpose", "" as AccountStepInput["account_purpose"]);
      }
    },
  });

  return (
    <>
      <StepHeading description="Tell us who the account is for and how it will be used.">Open an account</StepHeading>
      <StepForm {...step}>
        <RadioGroupField legend="Who is this account for?" options={TYPE_OPTIONS} error={errors.account_type?.message} {...typeField} />
        <RadioGroupField
          legend="How will you use it?"
          options={ROLE_OPTIONS}
          columns={2}
          error={errors.account_role?.message}
          {...register("account_role")}
        />
        <SelectField
          label="Main purpose of the account"
          hint={accountType ? undefined : "Choose who the account is for first."}
          placeholder="Choose a purpose"
          options={purposes.map((purpose) => ({ value: purpose, label: purpose }))}
          disabled={!accountType}
          error={errors.account_purpose?.message}
          {...register("account_purpose")}
        />
        {role !== "advisor" ? (
          <TextField
            label="Advisor's account ID"
            optional
            hint="If an advisor manages your account, enter the account ID they gave you."
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            error={errors.advisor_user_id?.message}
            {...register("advisor_user_id", { setValueAs: emptyToUndefined })}
          />
        ) : null}
      </StepForm>
    </>
  );
}
