import type { AdminSignIn } from "@/lib/validations/admin-sign-in";

export type SignInOutcome =
  | { ok: true }
  | { ok: false; reason: "credentials" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number }
  | { ok: false; reason: "unavailable" };

/**
 * Signs in through better-auth's own endpoint, from the browser, so its per-address rate limit
 * counts every attempt (server-side `auth.api` calls skip it). The session cookie comes back on
 * the response.
 */
export async function requestSignIn(credentials: AdminSignIn, fetcher: typeof fetch = fetch): Promise<SignInOutcome> {
  let response: Response;
  try {
    response = await fetcher("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: credentials.email, password: credentials.password, rememberMe: false }),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, reason: "unavailable" };
  }
  if (response.ok) return { ok: true };
  if (response.status === 429) {
    const seconds = Number.parseInt(response.headers.get("X-Retry-After") ?? "", 10);
    return { ok: false, reason: "rate-limited", retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 };
  }
  // 401 is a wrong pair; 400 is a pair better-auth refuses to even check (too short, say): to the
  // person signing in they are the same answer, which never says which half was wrong.
  if (response.status === 401 || response.status === 400) return { ok: false, reason: "credentials" };
  return { ok: false, reason: "unavailable" };
}

export function outcomeMessage(outcome: Exclude<SignInOutcome, { ok: true }>): string {
  switch (outcome.reason) {
    case "credentials":
      return "Email or password is not right.";
    case "rate-limited":
      return `Too many attempts. Try again in ${outcome.retryAfterSeconds} ${outcome.retryAfterSeconds === 1 ? "second" : "seconds"}.`;
    case "unavailable":
      return "Signing in is not available right now. Try again in a moment.";
  }
}
