// Response shapes, with the documented casing quirks in one place:
// - the 202 register reply uses Title-case status ("Pending"),
// - Get End User, the list and the WebSocket feed use upper-case status ("PENDING") and
//   Title-case account_role ("Client"), while requests use lower case.
import type { Status, UserRecord } from "./store";
import type { UserToken } from "./tokens";

const TITLE_STATUS: Record<Status, string> = {
  PENDING: "Pending",
  VERIFIED: "Verified",
  UNSUPPORTED: "Unsupported",
};

function titleRole(role: UserRecord["account_role"]): string {
  return role === "advisor" ? "Advisor" : "Client";
}

function requirements(u: UserRecord): { email: boolean; sms: boolean } {
  return { email: u.requirements.email, sms: u.requirements.sms };
}

/** 202 body of register-account (create page: Title-case status). */
export function registerReply(u: UserRecord): unknown {
  return { data: { user_id: u.user_id, status: TITLE_STATUS[u.status], requirements: requirements(u) } };
}

/** Get End User item: the older snapshot's fields plus id, phone_country_code, account_purpose. */
export function userView(u: UserRecord): Record<string, unknown> {
  return {
    account_type: u.account_type,
    account_role: titleRole(u.account_role),
    user_id: u.user_id,
    advisor_user_id: u.advisor_user_id,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    phone_number: u.phone_number,
    status: u.status,
    requirements: requirements(u),
    id: u.id,
    phone_country_code: u.phone_country_code,
    account_purpose: u.account_purpose,
  };
}

/** Payload of a `private.enterprise.users` message (seed 000/001 field order). */
export function feedPayload(u: UserRecord, token: UserToken): Record<string, unknown> {
  return {
    user_id: u.user_id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    phone_number: u.phone_number,
    account_role: titleRole(u.account_role),
    account_type: u.account_type,
    status: u.status,
    user_token: { token: token.token, expires: token.expires, partner_user_id: token.partner_user_id },
    requirements: requirements(u),
  };
}
