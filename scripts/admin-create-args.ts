import { parseArgs } from "node:util";

/** What `npm run admin:create` was asked to do. */
export interface AdminCreateArgs {
  email: string;
  name: string | undefined;
}

export class UsageError extends Error {}

export const USAGE = 'Usage: npm run admin:create -- --email admin@example.com [--name "Ada Lovelace"]';

export function parseAdminCreateArgs(argv: string[]): AdminCreateArgs {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: "string" }, name: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const email = values.email?.trim();
  if (!email) throw new UsageError(`--email is required.\n${USAGE}`);
  return { email, name: values.name?.trim() || undefined };
}

/**
 * The embedded database belongs to one process: while the app runs, this command cannot open it.
 * Says so in the operator's terms instead of the lock's.
 */
export function friendlyOpenError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const locked = /in use by another process \(pid (\d+)\)/.exec(message);
  if (!locked) return `Could not open the database: ${message}`;
  return [
    `The app is running (pid ${locked[1]}) and holds the embedded database, which only one process may open.`,
    "Stop it (Ctrl-C where `npm start` runs), run this command again, then start the app.",
    "(With DATABASE_URL set to a PostgreSQL server, admins can be added while the app runs.)",
  ].join("\n");
}
