// User Auth Tokens (connect-api.md 2.4): 64 hex characters, valid 24 h, ISO-8601 UTC with
// milliseconds. The sandbox never stores them: no sandbox endpoint accepts one, and a token
// at rest is a secret at rest.
import { randomBytes } from "node:crypto";

export interface UserToken {
  token: string;
  partner_user_id: string;
  expires: string;
}

export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function mintUserToken(userId: string, now = Date.now()): UserToken {
  return {
    token: randomBytes(32).toString("hex"),
    partner_user_id: userId,
    expires: new Date(now + TOKEN_TTL_MS).toISOString(),
  };
}
