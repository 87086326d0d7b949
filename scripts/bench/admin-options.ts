/** Flags of `npm run bench:admin`. */
export type DatabaseKind = "pglite" | "postgres";

export interface AdminBenchOptions {
  /** Users seeded before each run (plus one user with a long timeline). */
  users: number;
  /** Events of the long-timeline user, whose detail page is measured. */
  history: number;
  /** Timed requests per scenario, after the warm-up. */
  samples: number;
  /** Untimed requests per scenario first: JIT, Next's caches and the database's buffers warm up. */
  warmup: number;
  /** PGlite (the default database, as `npm start`), then PostgreSQL when it can be started. */
  databases: DatabaseKind[];
  /** PostgreSQL was asked for by name: not finding it is an error, not a skipped run. */
  postgresRequired: boolean;
  /** Keep the temporary DATA_DIRs and logs (printed at the end). */
  keep: boolean;
}

export const ADMIN_USAGE = `Usage: npm run bench:admin -- [--users=100000] [--samples=50] [--warmup=10]
  [--database=pglite|postgres|both] [--keep]`;

export class AdminOptionsError extends Error {}

export function parseAdminOptions(argv: string[]): AdminBenchOptions {
  const options: AdminBenchOptions = {
    users: 100_000,
    history: 200,
    samples: 50,
    warmup: 10,
    databases: ["pglite", "postgres"],
    postgresRequired: false,
    keep: false,
  };
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") throw new AdminOptionsError("");
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    const [, name, value] = match ?? [];
    switch (name) {
      case "users":
        options.users = whole(name, value, 1_000, 10_000_000);
        break;
      case "samples":
        options.samples = whole(name, value, 1, 100_000);
        break;
      case "warmup":
        options.warmup = whole(name, value, 0, 100_000);
        break;
      case "database":
        if (value === "pglite") options.databases = ["pglite"];
        else if (value === "postgres") options.databases = ["postgres"];
        else if (value === "both") options.databases = ["pglite", "postgres"];
        else throw new AdminOptionsError("--database must be pglite, postgres or both");
        options.postgresRequired = value !== "pglite";
        break;
      case "keep":
        if (value !== undefined) throw new AdminOptionsError("--keep takes no value");
        options.keep = true;
        break;
      default:
        throw new AdminOptionsError(`unknown argument ${arg}`);
    }
  }
  return options;
}

function whole(name: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value?.replaceAll("_", ""));
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new AdminOptionsError(
      `--${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")}`,
    );
  }
  return number;
}
