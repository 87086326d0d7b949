import "server-only";
import type { z } from "zod";
import type { RawUser, rawRequirementsSchema, rawUserTokenSchema } from "./schemas";
import type { AccountRole, AccountType, Requirements, SfoxUser, UserStatus, UserToken } from "./types";

export function toUserStatus(raw: string): UserStatus {
  return raw.toLowerCase() as UserStatus;
}

export function toAccountRole(raw: string): AccountRole {
  return raw.toLowerCase() as AccountRole;
}

export function toAccountType(raw: string): AccountType {
  return raw.toLowerCase() as AccountType;
}

export function toRequirements(raw: z.infer<typeof rawRequirementsSchema>): Requirements {
  return { email: raw.email ?? false, sms: raw.sms ?? false };
}

export function toSfoxUser(raw: RawUser): SfoxUser {
  return {
    userId: raw.user_id,
    sfoxId: raw.id === undefined || raw.id === null ? null : String(raw.id),
    accountType: toAccountType(raw.account_type),
    accountRole: toAccountRole(raw.account_role),
    advisorUserId: raw.advisor_user_id ?? null,
    firstName: raw.first_name,
    lastName: raw.last_name,
    email: raw.email,
    phoneNumber: raw.phone_number,
    status: toUserStatus(raw.status),
    requirements: toRequirements(raw.requirements),
  };
}

export function toUserToken(raw: z.infer<typeof rawUserTokenSchema>): UserToken {
  return { token: raw.token, userId: raw.partner_user_id, expiresAt: new Date(raw.expires) };
}
