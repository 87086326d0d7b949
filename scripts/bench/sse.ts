/**
 * `npm run bench:sse`: how the app's end-user event streams (GET /api/onboarding/events, served
 * from raw Node responses by scripts/app-server.ts) hold up against the floor for Node, a minimal
 * plain node:http broadcaster fed by the same upstream (floor-server.ts).
 *
 * What it does (details in scripts/bench/README-sse.md):
 * - builds the app when .next/BUILD_ID is missing; makes a temporary DATA_DIR with fresh secrets;
 *   starts the sFOX sandbox on a free loopback port, registers the users (REST), and seeds the
 *   app's database with one registered onboarding session per user (seed.ts, lib/db);
 * - for each N (default 1,000 and 10,000): N clients = N/100 users x 100 tabs each, first on a
 *   fresh floor, then on a fresh app (PGlite is single-process, and two servers at once would
 *   share the 2 cores): warm-up, RSS before/after connecting, steady phase (5 events/s for 60 s),
 *   burst phase (10,000 deliveries/s for 30 s: 100 events/s), each reporting delivered/expected,
 *   latency p50/p99/max (decision posted -> event parsed, monotonic clock), CPU and event-loop
 *   delay (probe.ts, preloaded); for the app the slow-consumer experiment inside the burst and,
 *   at the largest N, a restart with everyone connected;
 * - prints the table and verdicts; the last line is `BENCH sse ...`; stops everything it started
 *   (also on Ctrl-C and errors) and removes the temporary directory (keep it with --keep).
 *
 * Needs a high open-files limit (the npm script raises it with `ulimit -n`).
 */
import path from "node:path";
import { monoMs } from "./clock";
import { ensureBuild } from "./ensure-build";
import { OptionsError, USAGE, parseOptions, type BenchOptions } from "./options";
import { BenchRun } from "./bench-run";
import { findProcess, openFilesLimit } from "./proc-stats";
import { renderReport } from "./report";
import { SandboxDriver } from "./sandbox-driver";
import { runTarget, type RunPlan, type TargetReport } from "./scenario";
import { seedSessions } from "./seed-sessions";
import { newBenchContext, startSandbox } from "./servers";

const root = path.resolve(import.meta.dirname, "..", "..");
const startedAt = monoMs();
const run = new BenchRun("bench:sse");

function say(line: string): void {
  console.log(line);
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof OptionsError) {
      if (error.message) console.error(`bench:sse: ${error.message}`);
      console.error(USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  const largest = Math.max(...options.clients);
  const limit = openFilesLimit();
  if (limit < largest + 1_024) {
    throw new Error(
      `the open-files limit is ${limit}; ${largest} clients need more. Run through \`npm run bench:sse\` (it raises it) or \`ulimit -n 200000\` first.`,
    );
  }

  await ensureBuild(root, say, "bench:sse");
  const { workDir, logDir, group } = run.workspace("bench-sse", root, options.keep);
  const ctx = await newBenchContext({ root, group, workDir, logDir, appNodeFlags: options.appNodeFlags });
  say(
    `bench:sse: N = ${options.clients.map((n) => n.toLocaleString("en-US")).join(", ")}; work dir ${workDir}`,
  );
  say(
    `  ports: sandbox ${ctx.sandboxPort}, app ${ctx.appPort}, floor ${ctx.floorPort}; open-files limit ${limit}`,
  );

  if (options.database === "postgres") {
    // The project's throwaway test server (test/postgres.ts: initdb on a free port, fsync off).
    const { startTestPostgres } = await import("../../test/postgres");
    const server = await startTestPostgres();
    run.usePostgres(server);
    ctx.databaseUrl = server.url;
    ctx.postgresPid = findProcess(["postgres", `-p ${new URL(server.url).port}`]);
    say(`  database: PostgreSQL at ${server.url}`);
  }

  const sandbox = await startSandbox(ctx);
  const driver = new SandboxDriver(ctx.sandboxPort, ctx.apiKey);

  // Each N gets its own users, so one run's history never inflates another's replays.
  const plans = options.clients.map((n) => {
    const perUser = Math.min(options.clientsPerUser, n);
    const userCount = Math.max(1, Math.round(n / perUser));
    const users = Array.from({ length: userCount }, (_, i) => `bench_n${n}_u${i}`);
    const clientsOf = users.map((_, user) => Math.floor(n / userCount) + (user < n % userCount ? 1 : 0));
    return { n, users, clientsOf };
  });
  const backlogUser = "bench_backlog";
  const allUsers = plans.flatMap((plan) => plan.users);
  say(
    `  registering ${allUsers.length} users in the sandbox and seeding the app's database (${options.slowBacklog.toLocaleString("en-US")} backlog events)`,
  );
  await driver.register(allUsers);
  const cookies = await seedSessions(ctx, allUsers, backlogUser, options.slowBacklog);

  const reports: TargetReport[] = [];
  for (const plan of plans) {
    const runPlan: RunPlan = {
      ...plan,
      cookies: plan.users.map((user) => cookies.get(user) ?? ""),
      backlogCookie: cookies.get(backlogUser) ?? "",
      backlog: options.slowBacklog,
      restart: options.restart && plan.n === largest,
    };
    for (const kind of options.targets) {
      say(`N=${plan.n.toLocaleString("en-US")} ${kind}:`);
      reports.push(await runTarget(kind, ctx, options, runPlan, driver, sandbox, say));
    }
  }
  driver.close();
  await run.finish(0, () => {
    for (const line of renderReport(reports, options, monoMs() - startedAt)) console.log(line);
  });
}

main().catch((error: unknown) => run.fail(error));
