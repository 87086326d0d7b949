import * as z from "@/lib/zod-mini";
import { addIssue } from "@/lib/validations/messages";
import { phoneCountryIssue, phoneNumberSchema } from "@/lib/validations/phone";
import { countryCodeSchema, emailSchema, nameSchema } from "@/lib/validations/primitives";

export const contactStepShape = {
  first_name: nameSchema,
  last_name: nameSchema,
  email: emailSchema,
  phone_country_code: countryCodeSchema,
  phone_number: phoneNumberSchema,
};

/** The phone number must carry the calling code of `phone_country_code`. */
export function refineContact(
  value: { phone_country_code: string; phone_number: string },
  ctx: z.core.$RefinementCtx,
): void {
  addIssue(ctx, ["phone_number"], phoneCountryIssue(value.phone_number, value.phone_country_code));
}

export const contactStepSchema = z.object(contactStepShape).check(z.superRefine(refineContact));

export type ContactStepInput = z.infer<typeof contactStepSchema>;
