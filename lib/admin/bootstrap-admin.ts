import "server-only";
import { randomInt } from "node:crypto";
import { getEnv } from "@/lib/env";
import { getAuth, type Auth } from "./auth";
import { countAdmins, createAdmin } from "./create-admin";

export const SANDBOX_ADMIN_EMAIL = "admin@sandbox.local";

export interface BootstrapOptions {
  /** ADMIN_EMAIL / ADMIN_PASSWORD, when the operator set them. */
  configured: { email: string; password: string } | undefined;
  sandbox: boolean;
  signInUrl: string;
  /** Where the one-time sandbox credentials go: the terminal of `npm start`, never the logger. */
  print?: (text: string) => void;
}

export type BootstrapOutcome = "created-configured" | "created-sandbox" | "unchanged";

/**
 * Makes sure someone can sign in to the back office. The configured admin is created when missing
 * (an existing one keeps its password: the database, not the environment, owns it afterwards). In
 * sandbox mode with no admin at all, a sandbox admin with a random password is created and its
 * credentials are printed this once; only the hash is stored.
 */
export async function ensureFirstAdmin(auth: Auth, options: BootstrapOptions): Promise<BootstrapOutcome> {
  if (options.configured) {
    const result = await createAdmin(auth, { ...options.configured, name: "Partner admin" });
    return result.created ? "created-configured" : "unchanged";
  }
  if (!options.sandbox || (await countAdmins(auth)) > 0) return "unchanged";

  const password = randomPassword(20);
  const result = await createAdmin(auth, { email: SANDBOX_ADMIN_EMAIL, name: "Sandbox admin", password });
  if (!result.created) return "unchanged";
  const print = options.print ?? ((text: string) => process.stdout.write(text));
  print(
    [
      "",
      "  ┌ Sandbox back-office admin (shown only this once; not stored in clear)",
      `  │ Email:    ${SANDBOX_ADMIN_EMAIL}`,
      `  │ Password: ${password}`,
      `  └ Sign in: ${options.signInUrl}`,
      "",
      "",
    ].join("\n"),
  );
  return "created-sandbox";
}

/** `ensureFirstAdmin` for this process's configuration; called once at start (instrumentation.ts). */
export async function bootstrapAdmin(): Promise<BootstrapOutcome> {
  const env = getEnv();
  return ensureFirstAdmin(await getAuth(), {
    configured: env.admin,
    sandbox: env.sfox.mode === "sandbox",
    signInUrl: `${env.appUrl}/admin/sign-in`,
  });
}

// No look-alike characters (0/O, 1/l/I), so the password can be read off a terminal.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

export function randomPassword(length: number): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}
