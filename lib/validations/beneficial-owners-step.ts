import * as z from "@/lib/zod-mini";
import { adultDobSchema } from "@/lib/validations/dates";
import { idTypeSchema } from "@/lib/validations/identity-step";
import {
  MAX_LENGTH,
  MAX_OWNERS,
  MAX_TOTAL_OWNERSHIP_PERCENTAGE,
  MIN_OWNERS,
  MIN_OWNERSHIP_PERCENTAGE,
} from "@/lib/validations/limits";
import { addIssue, REQUIRED_MESSAGE, typeError } from "@/lib/validations/messages";
import { phoneNumberSchema } from "@/lib/validations/phone";
import {
  addressLineSchema,
  citySchema,
  countryCodeSchema,
  emailSchema,
  idNumberIssue,
  idNumberSchema,
  nameSchema,
  postalCodeIssue,
  postalCodeSchema,
  ssnIssuerIssue,
  ssnResidenceIssue,
  subdivisionSchema,
  usStateIssue,
  withoutControlCharacters,
} from "@/lib/validations/primitives";

/**
 * sFOX's examples spell `id_country_code`/`id_number` as `id_issuing_country`/`ssn`. The alias is
 * checked by `refineOwner`, which reports every problem under the documented name.
 */
const aliasSchema = z.optional(z.custom<string>(() => true));

const optionalTextSchema = (max: number) =>
  withoutControlCharacters(
    z.string({ error: typeError("Enter text") }).check(z.maxLength(max, { error: `Use at most ${max} characters`, abort: true })),
  );

const ownerShape = {
  first_name: nameSchema,
  middle_name: z.optional(optionalTextSchema(MAX_LENGTH.name)),
  last_name: nameSchema,
  email: emailSchema,
  phone_number: phoneNumberSchema,
  dob: adultDobSchema,
  address_country_code: countryCodeSchema,
  address_subdivision: subdivisionSchema,
  address_street1: addressLineSchema,
  address_street2: z.optional(optionalTextSchema(MAX_LENGTH.addressLine)),
  address_city: citySchema,
  address_postal_code: postalCodeSchema,
  id_type: idTypeSchema,
  id_country_code: z.optional(countryCodeSchema),
  id_issuing_country: aliasSchema,
  id_number: z.optional(idNumberSchema),
  ssn: aliasSchema,
};

type OwnerFields = {
  address_country_code: string;
  address_subdivision: string;
  address_postal_code: string;
  id_type: string;
  id_country_code?: string | undefined;
  id_issuing_country?: string | undefined;
  id_number?: string | undefined;
  ssn?: string | undefined;
};

/** Resolves one of two spellings to a valid value, or reports why not on the documented `path`. */
function eitherSpelling(
  ctx: z.core.$RefinementCtx,
  path: string,
  aliasName: string,
  documented: unknown,
  alias: unknown,
  schema: z.ZodMiniType<string>,
): string | undefined {
  if (documented === undefined && alias === undefined) {
    addIssue(ctx, [path], REQUIRED_MESSAGE);
    return undefined;
  }
  if (documented !== undefined && alias !== undefined && documented !== alias) {
    addIssue(ctx, [path], `${path} and ${aliasName} differ; send one of them`);
    return undefined;
  }
  const result = schema.safeParse(documented ?? alias);
  if (!result.success) {
    // The documented spelling was already checked by its own field schema.
    if (documented === undefined) addIssue(ctx, [path], result.error.issues[0]?.message);
    return undefined;
  }
  return result.data;
}

function refineOwner(value: OwnerFields, ctx: z.core.$RefinementCtx): void {
  const country = value.address_country_code;
  addIssue(ctx, ["address_subdivision"], usStateIssue(value.address_subdivision, country));
  addIssue(ctx, ["address_postal_code"], postalCodeIssue(value.address_postal_code, country));
  addIssue(ctx, ["id_type"], ssnResidenceIssue(value.id_type, country));

  const idCountry = eitherSpelling(
    ctx,
    "id_country_code",
    "id_issuing_country",
    value.id_country_code,
    value.id_issuing_country,
    countryCodeSchema,
  );
  if (idCountry !== undefined) addIssue(ctx, ["id_country_code"], ssnIssuerIssue(value.id_type, idCountry));

  const idNumber = eitherSpelling(ctx, "id_number", "ssn", value.id_number, value.ssn, idNumberSchema);
  if (idNumber !== undefined) addIssue(ctx, ["id_number"], idNumberIssue(idNumber, value.id_type));
}

/** One wire `beneficial_owners[]` item. */
export const beneficialOwnerSchema = z.object(ownerShape).check(z.superRefine(refineOwner));

const ownersArrayMessage = `Add between ${MIN_OWNERS} and ${MAX_OWNERS} beneficial owners`;

function ownersArray<T extends z.core.SomeType>(owner: T) {
  return z
    .array(owner, { error: typeError(ownersArrayMessage) })
    .check(
      z.minLength(MIN_OWNERS, { error: ownersArrayMessage, abort: true }),
      z.maxLength(MAX_OWNERS, { error: ownersArrayMessage, abort: true }),
    );
}

export const beneficialOwnersSchema = ownersArray(beneficialOwnerSchema);

/** The owners step as sent to sFOX. */
export const beneficialOwnersStepSchema = z.object({ beneficial_owners: beneficialOwnersSchema });

const PERCENTAGE_MESSAGE = `Enter a percentage between ${MIN_OWNERSHIP_PERCENTAGE} and 100`;

/** One owner as the wizard asks for it: the wire fields plus a share the app keeps to itself. */
export const beneficialOwnerFormSchema = z
  .object({
    ...ownerShape,
    ownership_percentage: z
      .number({ error: typeError(PERCENTAGE_MESSAGE) })
      .check(
        z.minimum(MIN_OWNERSHIP_PERCENTAGE, { error: PERCENTAGE_MESSAGE, abort: true }),
        z.maximum(100, { error: PERCENTAGE_MESSAGE, abort: true }),
      ),
  })
  .check(z.superRefine(refineOwner));

/** The owners step form; a total over 100% is reported on the last owner's percentage. */
export const beneficialOwnersFormSchema = z
  .object({ beneficial_owners: ownersArray(beneficialOwnerFormSchema) })
  .check(z.superRefine((value, ctx) => {
    const owners = value.beneficial_owners;
    // Rounded to hundredths: 25.1 + 39.2 + 35.7 is 100 to a person, not 100.00000000000001.
    const total = Math.round(owners.reduce((sum, owner) => sum + owner.ownership_percentage, 0) * 100) / 100;
    if (total > MAX_TOTAL_OWNERSHIP_PERCENTAGE) {
      addIssue(
        ctx,
        ["beneficial_owners", owners.length - 1, "ownership_percentage"],
        `Ownership adds up to ${total}%; the total can be at most 100%`,
      );
    }
  }));

export type BeneficialOwner = z.infer<typeof beneficialOwnerSchema>;
export type BeneficialOwnersStepInput = z.infer<typeof beneficialOwnersStepSchema>;
export type BeneficialOwnerFormInput = z.infer<typeof beneficialOwnerFormSchema>;
export type BeneficialOwnersFormInput = z.infer<typeof beneficialOwnersFormSchema>;

/** Drops what the app keeps (`ownership_percentage`) to get the owners sFOX receives. */
export function toWireBeneficialOwners(owners: readonly BeneficialOwnerFormInput[]): BeneficialOwner[] {
  return owners.map(({ ownership_percentage: _kept, ...owner }) => owner);
}
