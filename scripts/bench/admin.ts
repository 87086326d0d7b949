/**
 * `npm run bench:admin -- [--users=100000] [--samples=50] [--warmup=10] [--database=pglite|postgres|both] [--keep]`:
 * how fast the back office renders with many users.
 *
 * - builds the app when .next/BUILD_ID is missing; works in a temporary directory;
 * - per database (PGlite, then PostgreSQL when initdb/pg_ctl are there: test/postgres.ts): seeds
 *   the users and one user with a 200-event timeline (lib/db/seed-users.ts), reads what each page
 *   must show, starts the production app as `npm start` does (free ports, fresh DATA_DIR), signs
 *   in once, warms up, then times sequential GETs of whole HTML documents (admin-measure.ts);
 * - prints p50/p95/max per page and database, the machine, and last `BENCH admin ...` (PGlite);
 * - stops everything it started on success, failure and Ctrl-C, and removes the temporary
 *   directory (kept with --keep, and after a failure, for its logs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestPostgres, type TestPostgres } from "../../test/postgres";
import { startAdminApp } from "./admin-app";
import { ensureBuild } from "./ensure-build";
import { descendantsOf } from "./admin-descendants";
import { measureScenarios } from "./admin-measure";
import {
  ADMIN_USAGE,
  AdminOptionsError,
  parseAdminOptions,
  type AdminBenchOptions,
  type DatabaseKind,
} from "./admin-options";
import { benchLine, machineLine, renderDatabase, type DatabaseResult } from "./admin-report";
import { adminScenarios, type Scenario } from "./admin-scenarios";
import { seedForBench } from "./admin-seed";
import { ProcessGroup, tailOf } from "./processes";

const root = path.resolve(import.meta.dirname, "..", "..");
const PREFIX = "seed";
let group: ProcessGroup | null = null;
let postgres: TestPostgres | null = null;
let workDir: string | null = null;
let keepWork = false;
let finishing = false;

function say(line: string): void {
  console.log(line);
}

async function main(): Promise<void> {
  let options: AdminBenchOptions;
  try {
    options = parseAdminOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof AdminOptionsError)) throw error;
    if (error.message) console.error(`bench:admin: ${error.message}`);
    console.error(ADMIN_USAGE);
    process.exit(error.message ? 2 : 0);
  }
  keepWork = options.keep;
  // The migrations are found from the working directory (lib/db/client.ts).
  process.chdir(root);
  const loadAtStart = os.loadavg()[0] ?? 0;

  await ensureBuild(root, say, "bench:admin");
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-admin-"));
  const logDir = path.join(workDir, "logs");
  fs.mkdirSync(logDir);
  group = new ProcessGroup(root, logDir);
  group.onUnexpectedExit = (child, code, signal) => {
    void fail(
      new Error(
        `${child.name} (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}):\n${tailOf(child.logFile)}`,
      ),
    );
  };

  const scenarios = adminScenarios(options.users, PREFIX);
  say(
    `bench:admin: ${options.users.toLocaleString("en-US")} users; ${options.samples} timed GETs per page after ${options.warmup} warm-up rounds; work dir ${workDir}`,
  );
  const results: DatabaseResult[] = [];
  for (const kind of options.databases) results.push(await runOn(kind, options, scenarios, group));

  await finish(0, () => {
    say("");
    say(
      `Server render time of whole HTML documents (sequential GETs, time to last byte, signed-in admin, ` +
        `${options.samples} samples per page after ${options.warmup} warm-up rounds)`,
    );
    for (const result of results) for (const line of renderDatabase(result, scenarios)) say(line);
    say(machineLine(loadAtStart));
    say(
      benchLine(
        options.users,
        results.find((result) => "timings" in result),
        scenarios,
      ),
    );
  });
}

async function runOn(
  kind: DatabaseKind,
  options: AdminBenchOptions,
  scenarios: Scenario[],
  processes: ProcessGroup,
): Promise<DatabaseResult> {
  const dataDir = path.join(workDir!, kind);
  fs.mkdirSync(dataDir);
  let label = "PGlite (embedded)";
  let databaseUrl: string | null = null;
  if (kind === "postgres") {
    try {
      postgres = await startTestPostgres();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (options.postgresRequired) throw error;
      say(`PostgreSQL: skipped (${reason})`);
      return { kind, label: "PostgreSQL", skipped: reason };
    }
    databaseUrl = postgres.url;
    label = `PostgreSQL (throwaway server, port ${new URL(databaseUrl).port})`;
  }

  say(`${label}: seeding ${options.users.toLocaleString("en-US")} users`);
  const seed = await seedForBench(
    databaseUrl ? { databaseUrl } : { dataDir },
    { users: options.users, history: options.history, prefix: PREFIX, scenarios },
    say,
  );
  say(`  seeded in ${seed.seconds.toFixed(1)} s; starting the app`);
  const app = await startAdminApp(processes, { root, name: kind, dataDir, databaseUrl });
  say(`  app at ${app.url}, signed in; timing ${scenarios.length} pages`);
  const timings = await measureScenarios(app, scenarios, seed.expectations, options);
  await processes.stop(app.launcher, 20_000);
  await postgres?.stop();
  postgres = null;
  return { kind, label, seed, timings };
}

/** Stops every process this run started, removes the work dir, then prints and exits. */
async function finish(code: number, print?: () => void): Promise<void> {
  if (finishing) return;
  finishing = true;
  await group?.stopAll();
  await postgres?.stop().catch(() => undefined);
  postgres = null;
  // A failure keeps the logs to look at; a success or a Ctrl-C cleans up.
  if (workDir && !keepWork && code !== 1) fs.rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.error(`bench:admin: logs and data kept in ${workDir}`);
  print?.();
  process.exit(code);
}

async function fail(error: unknown): Promise<void> {
  // Once stopping (Ctrl-C), requests fail because the app is going away: not worth reporting.
  if (finishing) return;
  console.error(
    `\nbench:admin failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await finish(1);
}

process.on("SIGINT", () => void finish(130));
process.on("SIGTERM", () => void finish(143));
// Last resort when the process ends without finish(): nothing it started may outlive it (a build,
// the launchers and, below them, the sandboxes and apps), and the PostgreSQL server is stopped.
process.on("exit", () => {
  for (const pid of descendantsOf(process.pid)) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  void postgres?.stop().catch(() => undefined);
});
main().catch(fail);
