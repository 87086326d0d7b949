/**
 * `npm run db:seed -- [--users=100000] [--prefix=seed] [--history=200]`: fills the app's database
 * with made-up users (and their events) to try the back office at scale. They do not exist at
 * sFOX. With the embedded database the app must be stopped first (one process per folder).
 * Run with `tsx --conditions=react-server` so `server-only` imports resolve.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { openDatabase } from "../lib/db/client";
import { seedUsers } from "../lib/db/seed-users";
import { EnvError, parseEnv } from "../lib/env";
import { friendlyOpenError } from "./admin-create-args";

const root = path.resolve(import.meta.dirname, "..");

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { users: { type: "string", default: "100000" }, prefix: { type: "string", default: "seed" }, history: { type: "string", default: "200" } },
  });
  const count = Number(values.users);
  const history = Number(values.history);
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) return usage("--users must be a whole number from 1 to 10,000,000");
  if (!Number.isInteger(history) || history < 0) return usage("--history must be a whole number");
  if (!/^[a-z0-9-]{1,20}$/.test(values.prefix)) return usage("--prefix must be 1-20 lower-case letters, digits or dashes");

  nextEnv.loadEnvConfig(root);
  const env = parseEnv(process.env);
  let handle;
  try {
    handle = await openDatabase(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: path.resolve(root, env.dataDir) });
  } catch (error) {
    console.error(friendlyOpenError(error));
    return 1;
  }
  const started = performance.now();
  try {
    const result = await seedUsers(handle.db, {
      count,
      prefix: values.prefix,
      historyOfFirst: history,
      onProgress: (done) => {
        if (done % 10_000 === 0 || done === count) process.stdout.write(`  ${done.toLocaleString("en-US")} users\n`);
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Seeded ${result.users.toLocaleString("en-US")} users and ${result.events.toLocaleString("en-US")} events in ${seconds} s ` +
        `(${handle.driver}); ${result.firstUserId} has the long timeline.`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(/duplicate key/.test(message) ? `Users with the prefix "${values.prefix}" exist already: pass another --prefix.` : message);
    return 1;
  } finally {
    await handle.close();
  }
}

function usage(problem: string): number {
  console.error(`${problem}\nUsage: npm run db:seed -- [--users=100000] [--prefix=seed] [--history=200]`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  },
);
