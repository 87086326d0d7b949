import * as z from "@/lib/zod-mini";
import { adultDobSchema } from "@/lib/validations/dates";
import { ID_TYPES } from "@/lib/validations/enums";
import { addIssue, typeError } from "@/lib/validations/messages";
import {
  addressLineSchema,
  citySchema,
  countryCodeSchema,
  idNumberIssue,
  idNumberSchema,
  postalCodeIssue,
  postalCodeSchema,
  regionSchema,
  ssnIssuerIssue,
  ssnResidenceIssue,
  usStateIssue,
} from "@/lib/validations/primitives";

export const idTypeSchema = z.enum(ID_TYPES, { error: typeError("Choose SSN or passport") });

/** The wire `individual` object. */
export const individualSchema = z
  .object(
    {
      dob: adultDobSchema,
      residential_country_code: countryCodeSchema,
      residential_address: addressLineSchema,
      residential_city: citySchema,
      residential_state: regionSchema,
      residential_postal_code: postalCodeSchema,
      id_type: idTypeSchema,
      id_number: idNumberSchema,
      id_country_code: countryCodeSchema,
    },
    { error: typeError("Add the personal details of the account holder") },
  )
  .check(
    z.superRefine((value, ctx) => {
      const country = value.residential_country_code;
      addIssue(ctx, ["residential_state"], usStateIssue(value.residential_state, country));
      addIssue(ctx, ["residential_postal_code"], postalCodeIssue(value.residential_postal_code, country));
      addIssue(ctx, ["id_type"], ssnResidenceIssue(value.id_type, country));
      addIssue(ctx, ["id_country_code"], ssnIssuerIssue(value.id_type, value.id_country_code));
      addIssue(ctx, ["id_number"], idNumberIssue(value.id_number, value.id_type));
    }),
  );

/** The identity step of an individual, keyed like the wire payload (`individual.dob`, ...). */
export const identityStepSchema = z.object({ individual: individualSchema });

export type Individual = z.infer<typeof individualSchema>;
export type IdentityStepInput = z.infer<typeof identityStepSchema>;
