import { accountStepSchema } from "@/lib/validations/account-step";
import { beneficialOwnersFormSchema } from "@/lib/validations/beneficial-owners-step";
import { businessStepSchema } from "@/lib/validations/business-step";
import { contactStepSchema } from "@/lib/validations/contact-step";
import { identityStepSchema } from "@/lib/validations/identity-step";
import type { FormStep } from "./steps";

/** The schema of each form step: the browser form and the server action parse with the same one. */
export const STEP_SCHEMAS = {
  account: accountStepSchema,
  contact: contactStepSchema,
  identity: identityStepSchema,
  business: businessStepSchema,
  owners: beneficialOwnersFormSchema,
} as const satisfies Record<FormStep, unknown>;
