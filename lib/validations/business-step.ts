import * as z from "@/lib/zod-mini";
import { dateSchema } from "@/lib/validations/dates";
import { BUSINESS_TYPES, ORGANIZATION_TYPES } from "@/lib/validations/enums";
import { MAX_LENGTH } from "@/lib/validations/limits";
import { addIssue, typeError } from "@/lib/validations/messages";
import {
  addressLineSchema,
  citySchema,
  countryCodeSchema,
  postalCodeIssue,
  postalCodeSchema,
  regionSchema,
  registrationNumberSchema,
  textSchema,
  usStateIssue,
  websiteSchema,
} from "@/lib/validations/primitives";

const yesNoSchema = z.boolean({ error: typeError("Choose yes or no") });

/** The wire `business` object. */
export const businessSchema = z
  .object(
    {
      entity_name: textSchema(MAX_LENGTH.entityName, "Enter the legal name of the business"),
      organization_type: z.enum(ORGANIZATION_TYPES, {
        error: typeError("Choose an organization type"),
      }),
      business_type: z.enum(BUSINESS_TYPES, { error: typeError("Choose a business type") }),
      registration_number: registrationNumberSchema,
      description: textSchema(MAX_LENGTH.description, "Describe the business"),
      website: z.optional(websiteSchema),
      incorporation_country: countryCodeSchema,
      incorporation_state: regionSchema,
      incorporation_date: dateSchema,
      principal_place_country: countryCodeSchema,
      principal_place_state: regionSchema,
      principal_place_address: addressLineSchema,
      principal_place_city: citySchema,
      principal_place_postal_code: postalCodeSchema,
      accredited_investor: yesNoSchema,
      non_agent_intermediary: yesNoSchema,
    },
    { error: typeError("Add the business details") },
  )
  .check(
    z.superRefine((value, ctx) => {
      addIssue(ctx, ["incorporation_state"], usStateIssue(value.incorporation_state, value.incorporation_country));
      addIssue(ctx, ["principal_place_state"], usStateIssue(value.principal_place_state, value.principal_place_country));
      addIssue(
        ctx,
        ["principal_place_postal_code"],
        postalCodeIssue(value.principal_place_postal_code, value.principal_place_country),
      );
    }),
  );

/** The business step of a corporation, keyed like the wire payload (`business.entity_name`, ...). */
export const businessStepSchema = z.object({ business: businessSchema });

export type Business = z.infer<typeof businessSchema>;
export type BusinessStepInput = z.infer<typeof businessStepSchema>;
