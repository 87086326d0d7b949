import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client";
import { createOnboardingSession, getOnboardingSession } from "@/lib/db/onboarding-sessions";
import type { OnboardingSessionRow } from "@/lib/db/schema";
import { getEnv, requireSecret } from "@/lib/env";
import { signValue, verifySignedValue } from "@/lib/session/signed-value";

export const ONBOARDING_COOKIE = "onboarding_session";
const MAX_AGE_SECONDS = 60 * 60 * 24 * 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's onboarding, identified by the signed cookie; null without a valid one. */
export async function readOnboardingSession(): Promise<OnboardingSessionRow | null> {
  const jar = await cookies();
  return onboardingSessionFromCookie(jar.get(ONBOARDING_COOKIE)?.value);
}

/** The onboarding a signed cookie value names; null when it is missing, forged or unknown. */
export async function onboardingSessionFromCookie(value: string | undefined): Promise<OnboardingSessionRow | null> {
  const id = verifySignedValue(value, requireSecret("sessionSecret"));
  if (!id || !UUID.test(id)) return null;
  return (await getOnboardingSession(await getDb(), id)) ?? null;
}

/**
 * The caller's onboarding, started on first use. Only server actions and route handlers may call
 * it: they are the only places a cookie can be set. The sFOX `user_id` is chosen here, once, so
 * every later submission of this onboarding reuses it.
 */
export async function readOrStartOnboardingSession(): Promise<OnboardingSessionRow> {
  const existing = await readOnboardingSession();
  if (existing) return existing;
  const session = await createOnboardingSession(await getDb(), newUserId());
  const jar = await cookies();
  jar.set(ONBOARDING_COOKIE, signValue(session.id, requireSecret("sessionSecret")), {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().appUrl.startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
  return session;
}

/** 20 random bytes in the characters sFOX accepts for a user_id (letters, digits, `_`, `-`). */
function newUserId(): string {
  return `nw_${randomBytes(20).toString("base64url")}`;
}
