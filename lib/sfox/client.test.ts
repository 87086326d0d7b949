import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { registrationCases } from "@/test/fixtures/registration-cases";
import type { RegistrationPayload } from "@/lib/validations/registration";
import { createSfoxClient, type SfoxClient } from "./client";
import { SfoxError } from "./errors";

const KEY = "client-test-key";
let sandbox: SandboxHandle;
let client: SfoxClient;
let sleeps: number[];

function validCase(name: RegExp): RegistrationPayload {
  const found = registrationCases.find((item) => item.valid && name.test(item.name));
  if (!found) throw new Error(`no valid fixture matching ${name}`);
  return structuredClone(found.payload) as RegistrationPayload;
}

let counter = 0;
function individual(): RegistrationPayload {
  return { ...validCase(/US individual/i), user_id: `client_test_${Date.now()}_${counter++}` };
}
function corporation(): RegistrationPayload {
  return { ...validCase(/corporation/i), user_id: `corp_test_${Date.now()}_${counter++}` };
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

async function latestCode(userId: string, type: "email" | "sms"): Promise<string> {
  const outbox = (await control(`/outbox?user_id=${encodeURIComponent(userId)}`)) as {
    data: Array<{ type: string; code: string }>;
  };
  const code = outbox.data.filter((message) => message.type === type).at(-1)?.code;
  if (!code) throw new Error(`no ${type} code for ${userId}`);
  return code;
}

async function failureOf(call: Promise<unknown>): Promise<SfoxError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SfoxError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false, apiKey: KEY, reviewMs: 50, codeCooldownMs: 0 });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  sleeps = [];
  client = createSfoxClient({
    apiUrl: sandbox.url,
    apiKey: KEY,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  await fetch(`${sandbox.url}/_sandbox/faults`, { method: "DELETE" });
});

describe("sFOX client against the sandbox", () => {
  it("registers an individual and reads it back in the app's own terms", async () => {
    const payload = individual();
    const result = await client.registerAccount(payload);
    expect(result).toEqual({ userId: payload.user_id, status: "pending", requirements: { email: true, sms: true } });

    const user = await client.getUser(payload.user_id);
    expect(user).toMatchObject({
      userId: payload.user_id,
      accountType: "individual",
      accountRole: "client",
      status: "pending",
      requirements: { email: true, sms: true },
      email: payload.email,
    });
  });

  it("runs email then SMS verification until the account is verified", async () => {
    const payload = individual();
    await client.registerAccount(payload);

    const sent = await client.sendVerificationCode(payload.user_id, "email");
    expect(sent).toEqual({ userId: payload.user_id, type: "email", destination: payload.email });
    await client.confirmVerificationCode(payload.user_id, "email", await latestCode(payload.user_id, "email"));

    const sms = await client.sendVerificationCode(payload.user_id, "sms");
    expect(sms.destination).toBe(payload.phone_number);
    await client.confirmVerificationCode(payload.user_id, "sms", await latestCode(payload.user_id, "sms"));

    await expect.poll(async () => (await client.getUser(payload.user_id)).status, { timeout: 3_000 }).toBe("verified");
    expect((await client.getUser(payload.user_id)).requirements).toEqual({ email: false, sms: false });
  });

  it("lists users, filtered by role", async () => {
    const advisor = { ...corporation(), account_role: "advisor" as const };
    await client.registerAccount(advisor);
    const all = await client.listUsers();
    const advisors = await client.listUsers({ role: "advisor" });
    expect(all.some((user) => user.userId === advisor.user_id)).toBe(true);
    expect(advisors.length).toBeGreaterThan(0);
    expect(advisors.every((user) => user.accountRole === "advisor")).toBe(true);
    expect(advisors.some((user) => user.userId === advisor.user_id)).toBe(true);
  });

  it("mints user tokens, one or several", async () => {
    const a = individual();
    const b = individual();
    await client.registerAccount(a);
    await client.registerAccount(b);
    const single = await client.createUserToken(a.user_id);
    expect(single.token).toMatch(/^[0-9a-f]{64}$/);
    expect(single.userId).toBe(a.user_id);
    expect(single.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const several = await client.createUserTokens([a.user_id, b.user_id]);
    expect(several.map((token) => token.userId)).toEqual([a.user_id, b.user_id]);
  });

  it("deactivates a user, and reports sFOX's refusal verbatim while balances are not zero", async () => {
    const payload = individual();
    await client.registerAccount(payload);
    await control(`/users/${payload.user_id}/balances`, { nonzero: true });
    const refused = await failureOf(client.deactivateUser(payload.user_id));
    expect(refused.status).toBe(422);
    expect(refused.message).toBe("Can not disable account with non-zero balances. Please remove all balances and try again.");

    await control(`/users/${payload.user_id}/balances`, { nonzero: false });
    await client.deactivateUser(payload.user_id);
    expect((await failureOf(client.getUser(payload.user_id))).status).toBe(404);
  });
});

describe("sFOX client errors", () => {
  it("401: a wrong key is not worth retrying", async () => {
    const wrongKey = createSfoxClient({ apiUrl: sandbox.url, apiKey: "wrong", sleep: async () => {} });
    const error = await failureOf(wrongKey.listUsers());
    expect(error).toMatchObject({ kind: "http", status: 401, retryable: false });
    expect(sleeps).toEqual([]);
  });

  it("404: an unknown user", async () => {
    const error = await failureOf(client.getUser("nobody_here"));
    expect(error).toMatchObject({ status: 404, retryable: false });
  });

  it("422: a refused registration names the field", async () => {
    const payload = individual();
    const error = await failureOf(client.registerAccount({ ...payload, advisor_user_id: "no_such_advisor" }));
    expect(error).toMatchObject({ status: 422, field: "advisor_user_id", retryable: false });
  });

  it("409: the same user_id twice", async () => {
    const payload = individual();
    await client.registerAccount(payload);
    const error = await failureOf(client.registerAccount(payload));
    expect(error).toMatchObject({ status: 409, field: "user_id" });
  });

  it("422: a wrong verification code", async () => {
    const payload = individual();
    await client.registerAccount(payload);
    await client.sendVerificationCode(payload.user_id, "email");
    const code = await latestCode(payload.user_id, "email");
    const wrong = code === "000000" ? "111111" : "000000";
    const error = await failureOf(client.confirmVerificationCode(payload.user_id, "email", wrong));
    expect(error).toMatchObject({ status: 422, field: "otp" });
  });

  it("429 on a GET: retried after the wait sFOX asks for, then succeeds", async () => {
    await control("/faults", { rest: { status: 429, count: 1, path_prefix: "/v1/enterprise/users" } });
    const users = await client.listUsers();
    expect(Array.isArray(users)).toBe(true);
    expect(sleeps).toHaveLength(1);
  });

  it("5xx on a GET: retried up to three attempts, then reported as retryable", async () => {
    await control("/faults", { rest: { status: 503, count: 5, path_prefix: "/v1/enterprise/users" } });
    const error = await failureOf(client.listUsers());
    expect(error).toMatchObject({ kind: "http", status: 503, retryable: true });
    expect(sleeps).toHaveLength(2);
    // Three of the five faults were used: exactly three attempts reached the sandbox.
    await client.listUsers().catch(() => undefined);
    await client.listUsers().catch(() => undefined);
    await expect(client.listUsers()).resolves.toBeInstanceOf(Array);
  });

  it("5xx on a POST: never retried blindly", async () => {
    await control("/faults", { rest: { status: 500, count: 1, path_prefix: "/v1/enterprise/register-account" } });
    const payload = individual();
    const error = await failureOf(client.registerAccount(payload));
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(sleeps).toEqual([]);
    // The fault is spent; the account was not created by the failed call.
    expect((await failureOf(client.getUser(payload.user_id))).status).toBe(404);
  });

  it("a timeout becomes a retryable timeout error", async () => {
    const impatient = createSfoxClient({ apiUrl: sandbox.url, apiKey: KEY, timeoutMs: 150, getAttempts: 1 });
    await control("/faults", { rest: { delay_ms: 1_000, count: 1, path_prefix: "/v1/enterprise/users" } });
    const started = Date.now();
    const error = await failureOf(impatient.listUsers());
    expect(error).toMatchObject({ kind: "timeout", retryable: true, status: null });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("an unreachable sFOX is a network error", async () => {
    const nowhere = createSfoxClient({ apiUrl: "http://127.0.0.1:9", apiKey: KEY, getAttempts: 1 });
    expect(await failureOf(nowhere.listUsers())).toMatchObject({ kind: "network", retryable: true });
  });

  it("never puts the API key in an error", async () => {
    const error = await failureOf(client.getUser("nobody_here"));
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(KEY);
  });
});
