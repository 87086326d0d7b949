import * as z from "@/lib/zod-mini";
import {
  ACCOUNT_PURPOSES,
  ACCOUNT_PURPOSES_BY_TYPE,
  ACCOUNT_ROLES,
  ACCOUNT_TYPES,
  type AccountType,
} from "@/lib/validations/enums";
import { typeError } from "@/lib/validations/messages";
import { MAX_LENGTH } from "@/lib/validations/limits";
import { userIdSchema, withoutControlCharacters } from "@/lib/validations/primitives";

export const accountTypeSchema = z.enum(ACCOUNT_TYPES, {
  error: typeError("Choose individual or corporation"),
});

export const accountRoleSchema = z.enum(ACCOUNT_ROLES, {
  error: typeError("Choose client or advisor"),
});

export const PURPOSE_MESSAGE: Record<AccountType, string> = {
  individual: "Choose one of the purposes offered for an individual account",
  corporation: "Choose one of the purposes offered for a corporate account",
};

export const sourceOfFundsSchema = withoutControlCharacters(
  z
    .string({ error: typeError("Enter the source of funds") })
    .check(
      z.minLength(1, { error: "Enter the source of funds", abort: true }),
      z.maxLength(MAX_LENGTH.sourceOfFunds, { error: `Use at most ${MAX_LENGTH.sourceOfFunds} characters`, abort: true }),
    ),
);

/** Fields shared by both account types; `account_purpose` is narrowed per type in registration.ts. */
export const accountStepShape = {
  account_role: accountRoleSchema,
  advisor_user_id: z.optional(z.nullable(userIdSchema)),
  source_of_funds: z.optional(sourceOfFundsSchema),
};

export const accountStepSchema = z
  .object({
    account_type: accountTypeSchema,
    account_purpose: z.enum(ACCOUNT_PURPOSES, { error: typeError("Choose a purpose") }),
    ...accountStepShape,
  })
  .check(z.superRefine((value, ctx) => {
    const purposes: readonly string[] = ACCOUNT_PURPOSES_BY_TYPE[value.account_type];
    if (!purposes.includes(value.account_purpose)) {
      ctx.addIssue({
        code: "custom",
        message: PURPOSE_MESSAGE[value.account_type],
        path: ["account_purpose"],
      });
    }
  }));

export type AccountStepInput = z.infer<typeof accountStepSchema>;
