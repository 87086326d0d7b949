/**
 * The app's own view of sFOX data. Raw sFOX shapes (and their casing quirks) never leave lib/sfox:
 * lib/sfox/transform.ts turns them into these types.
 */

export const USER_STATUSES = ["pending", "verified", "unsupported"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export type AccountType = "individual" | "corporation";
export type AccountRole = "client" | "advisor";
export type VerificationType = "email" | "sms";

/** Verification items still outstanding: `true` means still required. */
export interface Requirements {
  email: boolean;
  sms: boolean;
}

export interface SfoxUser {
  userId: string;
  sfoxId: string | null;
  accountType: AccountType;
  accountRole: AccountRole;
  advisorUserId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string;
  status: UserStatus;
  requirements: Requirements;
}

export interface RegistrationResult {
  userId: string;
  status: UserStatus;
  requirements: Requirements;
}

export interface VerificationCodeSent {
  userId: string;
  type: VerificationType;
  /** Where the code went: the email address or the phone number. */
  destination: string | null;
}

export interface UserToken {
  token: string;
  userId: string;
  expiresAt: Date;
}
