import "server-only";
import { z } from "@/lib/zod";

/**
 * Raw response shapes of the sFOX Connect API, as documented (../shared/sfox/connect-api.md).
 * Lenient where the docs disagree with themselves (casing, optional newer fields); strict about
 * what the app relies on.
 */

// Title case on the register reply, upper case elsewhere: accept any casing, normalise later.
const rawStatus = z.string().refine((value) => ["pending", "verified", "unsupported"].includes(value.toLowerCase()), {
  message: "unknown status",
});
const rawRole = z.string().refine((value) => ["client", "advisor"].includes(value.toLowerCase()), {
  message: "unknown account role",
});
const rawAccountType = z.string().refine((value) => ["individual", "corporation"].includes(value.toLowerCase()), {
  message: "unknown account type",
});

// Only the simple `{email, sms}` shape is documented; a missing item means nothing is required.
export const rawRequirementsSchema = z.object({
  email: z.boolean().optional(),
  sms: z.boolean().optional(),
});

export const rawRegisterResponseSchema = z.object({
  data: z.object({
    user_id: z.string(),
    status: rawStatus,
    requirements: rawRequirementsSchema,
  }),
});

export const rawUserSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  user_id: z.string(),
  account_type: rawAccountType,
  account_role: rawRole,
  advisor_user_id: z.string().nullish(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  phone_number: z.string(),
  status: rawStatus,
  requirements: rawRequirementsSchema,
});
export type RawUser = z.infer<typeof rawUserSchema>;

export const rawUserResponseSchema = z.object({ data: rawUserSchema });
export const rawUserListResponseSchema = z.object({ data: z.array(rawUserSchema) });

// The older snapshot put the phone number of an sms reply under `email`.
export const rawSendVerificationResponseSchema = z.object({
  data: z.object({
    user_id: z.string(),
    type: z.enum(["email", "sms"]),
    email: z.string().optional(),
    phone_number: z.string().optional(),
  }),
});

export const rawConfirmVerificationResponseSchema = z.object({
  data: z.object({
    success: z.boolean(),
    user_id: z.string(),
    type: z.enum(["email", "sms"]),
  }),
});

export const rawUserTokenSchema = z.object({
  token: z.string().min(1),
  partner_user_id: z.string(),
  expires: z.iso.datetime({ offset: true }),
});
export const rawUserTokenResponseSchema = z.object({ data: rawUserTokenSchema });
export const rawUserTokensResponseSchema = z.object({ data: z.array(rawUserTokenSchema) });

export const rawErrorSchema = z.object({ error: z.string() });
