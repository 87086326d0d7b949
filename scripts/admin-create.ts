/**
 * `npm run admin:create -- --email x@y.z [--name "..."]`: adds a partner admin to the back office.
 * The password comes from ADMIN_PASSWORD in this command's environment, or is typed (twice,
 * hidden) in a terminal. Run with `tsx --conditions=react-server` so `server-only` imports resolve.
 * With the embedded database the app must be stopped first (one process per database folder).
 */
import path from "node:path";
import nextEnv from "@next/env";
import { createAuth } from "../lib/admin/auth";
import { createAdmin, newAdminProblem } from "../lib/admin/create-admin";
import { openDatabase } from "../lib/db/client";
import { EnvError, parseEnv } from "../lib/env";
import { UsageError, friendlyOpenError, parseAdminCreateArgs } from "./admin-create-args";
import { loadOrCreateLocalSecrets } from "./local-secrets";
import { readHiddenLine } from "./read-password";

const root = path.resolve(import.meta.dirname, "..");

async function main(): Promise<void> {
  const args = parseAdminCreateArgs(process.argv.slice(2));
  // Only this command's own environment counts: ADMIN_PASSWORD in .env.local is the first admin's.
  const givenPassword = process.env.ADMIN_PASSWORD;
  nextEnv.loadEnvConfig(root);
  // The first admin's variables do not apply here (and must not fail "set both or neither").
  delete process.env.ADMIN_EMAIL;
  delete process.env.ADMIN_PASSWORD;
  const env = parseEnv(process.env);
  const dataDir = path.resolve(root, env.dataDir);
  if (env.sfox.mode === "sandbox") {
    // The same generated secret `npm start` gives the app, so both set up better-auth alike.
    process.env.SESSION_SECRET ||= loadOrCreateLocalSecrets(dataDir).SESSION_SECRET;
  }

  const password = givenPassword ?? (await promptPassword());
  const name = args.name ?? args.email;
  const problem = newAdminProblem({ email: args.email, name, password });
  if (problem) throw new UsageError(problem);

  let handle;
  try {
    handle = await openDatabase(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir });
  } catch (error) {
    throw new UsageError(friendlyOpenError(error));
  }
  try {
    const result = await createAdmin(createAuth(handle.db as Parameters<typeof createAuth>[0]), { email: args.email, name, password });
    if (!result.created) throw new UsageError(`An admin with the email ${args.email} already exists; nothing was changed.`);
    console.log(`Admin ${result.email} created. Sign in at ${env.appUrl}/admin/sign-in`);
  } finally {
    await handle.close();
  }
}

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError("No terminal to type a password in: set ADMIN_PASSWORD for this command.");
  const first = await readHiddenLine("Password (at least 12 characters): ");
  const again = await readHiddenLine("Same password again: ");
  if (first !== again) throw new UsageError("The two passwords differ; nothing was changed.");
  return first;
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof EnvError;
  console.error(known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
