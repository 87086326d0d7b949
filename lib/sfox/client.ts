import "server-only";
import type { RegistrationPayload } from "@/lib/validations/registration";
import { getEnv } from "@/lib/env";
import { SfoxError } from "./errors";
import {
  rawConfirmVerificationResponseSchema,
  rawRegisterResponseSchema,
  rawSendVerificationResponseSchema,
  rawUserListResponseSchema,
  rawUserResponseSchema,
  rawUserTokenResponseSchema,
  rawUserTokensResponseSchema,
} from "./schemas";
import { toRequirements, toSfoxUser, toUserStatus, toUserToken } from "./transform";
import { request, type TransportConfig } from "./transport";
import type {
  AccountRole,
  RegistrationResult,
  SfoxUser,
  UserToken,
  VerificationCodeSent,
  VerificationType,
} from "./types";

export type SfoxClient = ReturnType<typeof createSfoxClient>;

const segment = (userId: string) => encodeURIComponent(userId);

/** The sFOX Connect end-user endpoints, typed in the app's own terms. */
export function createSfoxClient(overrides: Partial<TransportConfig> & Pick<TransportConfig, "apiUrl" | "apiKey">) {
  const config: TransportConfig = {
    timeoutMs: 10_000,
    getAttempts: 3,
    backoffBaseMs: 250,
    backoffMaxMs: 5_000,
    fetch: globalThis.fetch.bind(globalThis),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...overrides,
  };

  return {
    /** `POST /v1/enterprise/register-account`. Never retried: the caller decides after a failure. */
    async registerAccount(payload: RegistrationPayload): Promise<RegistrationResult> {
      const { data } = await request(config, "POST", "/v1/enterprise/register-account", {
        schema: rawRegisterResponseSchema,
        body: payload,
      });
      return { userId: data.user_id, status: toUserStatus(data.status), requirements: toRequirements(data.requirements) };
    },

    async sendVerificationCode(userId: string, type: VerificationType): Promise<VerificationCodeSent> {
      const { data } = await request(config, "POST", `/v1/enterprise/users/send-verification/${segment(userId)}`, {
        schema: rawSendVerificationResponseSchema,
        body: { type },
      });
      const destination = data.type === "sms" ? (data.phone_number ?? data.email) : data.email;
      return { userId: data.user_id, type: data.type, destination: destination ?? null };
    },

    /** Resolves when the code was right; a wrong, expired or locked code is an `SfoxError`. */
    async confirmVerificationCode(userId: string, type: VerificationType, code: string): Promise<void> {
      const { data } = await request(config, "POST", `/v1/enterprise/users/verify/${segment(userId)}`, {
        schema: rawConfirmVerificationResponseSchema,
        body: { type, otp: code },
      });
      if (!data.success) {
        throw new SfoxError({ kind: "http", status: 200, message: "otp: the code was not accepted" });
      }
    },

    async getUser(userId: string): Promise<SfoxUser> {
      const { data } = await request(config, "GET", `/v1/enterprise/users/${segment(userId)}`, {
        schema: rawUserResponseSchema,
      });
      return toSfoxUser(data);
    },

    async listUsers(filter: { role?: AccountRole } = {}): Promise<SfoxUser[]> {
      const query = filter.role ? `?accountRole=${filter.role}` : "";
      const { data } = await request(config, "GET", `/v1/enterprise/users${query}`, {
        schema: rawUserListResponseSchema,
      });
      return data.map(toSfoxUser);
    },

    async createUserToken(userId: string): Promise<UserToken> {
      const { data } = await request(config, "POST", `/v1/enterprise/user-tokens/${segment(userId)}`, {
        schema: rawUserTokenResponseSchema,
      });
      return toUserToken(data);
    },

    async createUserTokens(userIds: readonly string[]): Promise<UserToken[]> {
      const { data } = await request(config, "POST", "/v1/enterprise/user-tokens", {
        schema: rawUserTokensResponseSchema,
        body: { data: userIds },
      });
      return data.map(toUserToken);
    },

    /** `DELETE /v1/enterprise/account/:user_id`; refused by sFOX (422) while balances are not zero. */
    async deactivateUser(userId: string): Promise<void> {
      await request(config, "DELETE", `/v1/enterprise/account/${segment(userId)}`, {});
    },
  };
}

// Per module graph on purpose: the client holds no connection, and sharing it through globalThis
// would hand one graph's error class to another.
let client: SfoxClient | undefined;

/** The client configured from the environment (the sandbox in sandbox mode). */
export function sfox(): SfoxClient {
  if (!client) {
    const { sfox: settings } = getEnv();
    client = createSfoxClient({ apiUrl: settings.apiUrl, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
  }
  return client;
}
