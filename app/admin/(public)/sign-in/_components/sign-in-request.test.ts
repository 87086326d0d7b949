import { describe, expect, it } from "vitest";
import { outcomeMessage, requestSignIn } from "./sign-in-request";

const credentials = { email: "ops@example.com", password: "a long password" };
const answer = (status: number, headers: Record<string, string> = {}) => (async () => new Response("{}", { status, headers })) as typeof fetch;

describe("requestSignIn", () => {
  it("posts to better-auth's endpoint and succeeds on 200", async () => {
    let seen: { url: string; init?: RequestInit } | undefined;
    const fetcher = (async (url: string, init?: RequestInit) => {
      seen = { url, init };
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
    expect(await requestSignIn(credentials, fetcher)).toEqual({ ok: true });
    expect(seen?.url).toBe("/api/auth/sign-in/email");
    expect(JSON.parse(String(seen?.init?.body))).toMatchObject(credentials);
  });

  it("says the same for a wrong or refused pair, never which half", async () => {
    expect(await requestSignIn(credentials, answer(401))).toEqual({ ok: false, reason: "credentials" });
    expect(await requestSignIn(credentials, answer(400))).toEqual({ ok: false, reason: "credentials" });
    expect(outcomeMessage({ ok: false, reason: "credentials" })).toBe("Email or password is not right.");
  });

  it("reads the wait from better-auth's X-Retry-After", async () => {
    const outcome = await requestSignIn(credentials, answer(429, { "X-Retry-After": "42" }));
    expect(outcome).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 42 });
    expect(outcomeMessage(outcome as Exclude<typeof outcome, { ok: true }>)).toBe("Too many attempts. Try again in 42 seconds.");
    expect(await requestSignIn(credentials, answer(429))).toMatchObject({ retryAfterSeconds: 60 });
  });

  it("reports anything else, or no answer, as unavailable", async () => {
    expect(await requestSignIn(credentials, answer(500))).toEqual({ ok: false, reason: "unavailable" });
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await requestSignIn(credentials, offline)).toEqual({ ok: false, reason: "unavailable" });
  });
});
