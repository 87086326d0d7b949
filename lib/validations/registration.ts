import * as z from "@/lib/zod-mini";
import { accountStepShape, PURPOSE_MESSAGE } from "@/lib/validations/account-step";
import { beneficialOwnersSchema } from "@/lib/validations/beneficial-owners-step";
import { businessSchema } from "@/lib/validations/business-step";
import { contactStepShape, refineContact } from "@/lib/validations/contact-step";
import { CORPORATE_ACCOUNT_PURPOSES, INDIVIDUAL_ACCOUNT_PURPOSES } from "@/lib/validations/enums";
import { individualSchema } from "@/lib/validations/identity-step";
import { typeError } from "@/lib/validations/messages";
import { userIdSchema } from "@/lib/validations/primitives";

/** A key that must be absent for this account type. */
function absent(message: string) {
  return z.optional(z.never({ error: message }));
}

const commonShape = {
  user_id: userIdSchema,
  ...accountStepShape,
  ...contactStepShape,
};

export const individualRegistrationSchema = z
  .object({
    account_type: z.literal("individual"),
    account_purpose: z.enum(INDIVIDUAL_ACCOUNT_PURPOSES, {
      error: typeError(PURPOSE_MESSAGE.individual),
    }),
    ...commonShape,
    individual: individualSchema,
    business: absent("Only corporate accounts have a business"),
    beneficial_owners: absent("Only corporate accounts have beneficial owners"),
  })
  .check(z.superRefine(refineContact));

export const corporateRegistrationSchema = z
  .object({
    account_type: z.literal("corporation"),
    account_purpose: z.enum(CORPORATE_ACCOUNT_PURPOSES, {
      error: typeError(PURPOSE_MESSAGE.corporation),
    }),
    ...commonShape,
    individual: absent("Only individual accounts have individual details"),
    business: businessSchema,
    beneficial_owners: beneficialOwnersSchema,
  })
  .check(z.superRefine(refineContact));

/** The body of `POST /v1/enterprise/register-account`, as docs/registration-rules.md describes it. */
export const registrationPayloadSchema = z.discriminatedUnion(
  "account_type",
  [individualRegistrationSchema, corporateRegistrationSchema],
  { error: typeError("Choose individual or corporation") },
);

export type IndividualRegistration = z.infer<typeof individualRegistrationSchema>;
export type CorporateRegistration = z.infer<typeof corporateRegistrationSchema>;
export type RegistrationPayload = z.infer<typeof registrationPayloadSchema>;
export type RegistrationInput = z.input<typeof registrationPayloadSchema>;
