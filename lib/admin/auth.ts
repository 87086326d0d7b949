import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { getDb } from "@/lib/db/client";
import { adminAccounts, adminSessions, adminUsers, adminVerifications, authRateLimits } from "@/lib/db/schema";
import { getEnv, requireSecret } from "@/lib/env";

/** How many sign-in attempts one client may make per window before it is told to wait. */
export const SIGN_IN_LIMIT = { window: 60, max: 5 } as const;

/**
 * On this machine http://localhost:PORT and http://127.0.0.1:PORT are the same app: a browser on
 * either may sign in. Any other origin must be APP_URL itself (better-auth's CSRF check).
 */
function loopbackTwin(appUrl: string): string[] {
  const url = new URL(appUrl);
  const twin = { localhost: "127.0.0.1", "127.0.0.1": "localhost" }[url.hostname];
  if (!twin) return [];
  url.hostname = twin;
  return [url.origin];
}

/** Exported for tests and `npm run admin:create`, which bring their own database. */
export function createAuth(db: Parameters<typeof drizzleAdapter>[0]) {
  const env = getEnv();
  return betterAuth({
    appName: env.partnerName,
    baseURL: env.appUrl,
    basePath: "/api/auth",
    trustedOrigins: loopbackTwin(env.appUrl),
    secret: requireSecret("sessionSecret"),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: adminUsers,
        session: adminSessions,
        account: adminAccounts,
        verification: adminVerifications,
        rateLimit: authRateLimits,
      },
    }),
    // Admins are created by the start command or `npm run admin:create`, never by signing up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 8, updateAge: 60 * 60 },
    rateLimit: {
      enabled: true,
      // In the database, so every app instance counts the same attempts.
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": SIGN_IN_LIMIT },
    },
    advanced: {
      useSecureCookies: env.appUrl.startsWith("https://"),
      cookiePrefix: "admin",
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as typeof globalThis & { __sfoxAdminAuth?: Promise<Auth> };

/** The admin auth of this process, created on first use (the database opens lazily too). */
export function getAuth(): Promise<Auth> {
  globalForAuth.__sfoxAdminAuth ??= getDb().then((db) => createAuth(db as Parameters<typeof drizzleAdapter>[0]));
  return globalForAuth.__sfoxAdminAuth;
}
