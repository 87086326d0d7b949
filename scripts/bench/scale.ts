/**
 * `npm run bench:scale`: the app as several instances on one PostgreSQL (issue 7) against one
 * instance on the same database, in the same run, with the load of `bench:sse`.
 *
 * - A throwaway PostgreSQL (test/postgres.ts), the sandbox, N/100 users seeded with a registered
 *   onboarding session each (seed-sessions.ts), as bench:sse does.
 * - Single: one instance, N clients; steady (5 events/s) then burst (10,000 deliveries/s).
 * - Two instances: each user's tabs alternate between them, so every event is delivered by both;
 *   the same phases. Latency = decision posted -> event parsed by the client, whichever instance
 *   delivered it (one monotonic clock for all processes).
 * - Takeover: with everyone connected, SIGKILL the instance holding sFOX's feed, and time until
 *   the other holds it (elected and subscribed, per its /api/health).
 * Last line: `BENCH scale instances=2 clients=N delivered=D/E burst_p99_ms=A single_burst_p99_ms=B takeover_ms=T`.
 */
import os from "node:os";
import path from "node:path";
import { monoMs, sleep } from "./clock";
import { ensureBuild } from "./ensure-build";
import { LoadGenerator } from "./loadgen-handle";
import type { ClientSpec, PhaseResult } from "./loadgen-protocol";
import { OptionsError, parseOptions } from "./options";
import { BenchRun } from "./bench-run";
import { CpuMeter, findProcess, openFilesLimit, withChildren } from "./proc-stats";
import { type ProcessGroup, freePort } from "./processes";
import { SandboxDriver } from "./sandbox-driver";
import { seedSessions } from "./seed-sessions";
import { type Server, appHealth, newBenchContext, openStreams, startApp, startSandbox } from "./servers";

const root = path.resolve(import.meta.dirname, "..", "..");
const startedAt = monoMs();
const run = new BenchRun("bench:scale");

const USAGE = `Usage: npm run bench:scale -- [--clients=10000] [--clients-per-user=100] [--steady-rate=5]
  [--steady-seconds=60] [--burst-deliveries=10000] [--burst-seconds=30] [--connect-concurrency=200] [--keep]`;

interface PhaseFigures {
  result: PhaseResult;
  /** % of one core per app instance, and PostgreSQL's. */
  cpu: { apps: number[]; database: number };
}

interface RunFigures {
  instances: number;
  connectMs: number;
  steady: PhaseFigures;
  burst: PhaseFigures;
  takeoverMs?: number | null;
}

function say(line: string): void {
  console.log(line);
}

async function main(): Promise<void> {
  let options;
  try {
    const argv = process.argv.slice(2);
    options = parseOptions(argv.some((arg) => arg.startsWith("--clients=")) ? argv : ["--clients=10000", ...argv], {} as NodeJS.ProcessEnv);
  } catch (error) {
    if (error instanceof OptionsError) {
      if (error.message) console.error(`bench:scale: ${error.message}`);
      console.error(USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  const n = Math.max(...options.clients);
  if (openFilesLimit() < n + 1_024) throw new Error(`the open-files limit is too low for ${n} clients; run through \`npm run bench:scale\``);

  await ensureBuild(root, say, "bench:scale");
  const { workDir, logDir, group } = run.workspace("bench-scale", root, options.keep);
  const { startTestPostgres } = await import("../../test/postgres");
  const database = await startTestPostgres();
  run.usePostgres(database);
  const ctx = await newBenchContext({
    root,
    group,
    workDir,
    logDir,
    appNodeFlags: options.appNodeFlags,
    database: { url: database.url, pid: findProcess(["postgres", `-p ${new URL(database.url).port}`]) },
  });
  const second = { name: "app-b", port: await freePort(), probePort: await freePort() };
  say(`bench:scale: N = ${n.toLocaleString("en-US")}; PostgreSQL at ${database.url}; work dir ${workDir}`);

  await startSandbox(ctx);
  const driver = new SandboxDriver(ctx.sandboxPort, ctx.apiKey);
  const perUser = Math.min(options.clientsPerUser, n);
  const users = Array.from({ length: Math.max(1, Math.round(n / perUser)) }, (_, i) => `scale_u${i}`);
  say(`  registering ${users.length} users in the sandbox and seeding the database`);
  await driver.register(users);
  const cookies = await seedSessions(ctx, users, "scale_backlog", 0);
  const plan = { n, users, cookies: users.map((user) => cookies.get(user) ?? "") };

  const measure = async (servers: Server[], takeover: boolean): Promise<RunFigures> => {
    const label = servers.length === 1 ? "one instance" : `${servers.length} instances`;
    const lg = LoadGenerator.start(ctx.group, `loadgen-${servers.length}`, { ...ctx.baseEnv, BENCH_PROBE_PORT: String(ctx.loadgenProbePort) });
    try {
      // Warm-up through every instance, then back to no client.
      const warm = servers.flatMap((server, s) =>
        Array.from({ length: 20 }, (_, i): ClientSpec => ({ key: `warm${s}-${i}`, user: 0, cookie: plan.cookies[0] ?? "", role: "reference" })),
      );
      for (const [s, server] of servers.entries()) await lg.connect(server.port, warm.slice(s * 20, s * 20 + 20), 20);
      await driver.drive(users.slice(0, 1), 10, 1);
      await sleep(500);
      await lg.disconnect(warm.map((spec) => spec.key));

      // Client i watches user i % U; a user's successive tabs alternate between the instances.
      const byServer = servers.map((): ClientSpec[] => []);
      for (let i = 0; i < n; i++) {
        const user = i % users.length;
        byServer[Math.floor(i / users.length) % servers.length]!.push({ key: `c${i}`, user, cookie: plan.cookies[user] ?? "", role: "normal" });
      }
      say(`  ${label}: connecting ${n.toLocaleString("en-US")} clients (${byServer.map((specs) => specs.length).join(" + ")})`);
      const connectStart = monoMs();
      await Promise.all(servers.map((server, s) => lg.connect(server.port, byServer[s]!, Math.ceil(options.connectConcurrency / servers.length))));
      const deadline = monoMs() + 120_000;
      while (monoMs() < deadline) {
        const open = await Promise.all(servers.map((server) => openStreams(server).catch(() => 0)));
        if (open.reduce((sum, count) => sum + count, 0) >= n) break;
        await sleep(250);
      }
      const connectMs = monoMs() - connectStart;
      await sleep(2_000);

      const phase = async (name: string, rate: number, seconds: number): Promise<PhaseFigures> => {
        await sleep(1_000);
        await lg.mark();
        const meter = new CpuMeter({
          ...Object.fromEntries(servers.map((server, s) => [`app${s}`, server.child.pid])),
          ...(ctx.postgresPid ? { database: () => withChildren(ctx.postgresPid!) } : {}),
        });
        const drive = await driver.drive(users, rate, seconds);
        const expected = drive.decisions.reduce((sum, d) => sum + d.sendTimes.length * (n / users.length), 0);
        const drainDeadline = drive.endedAt + 15_000;
        while ((await lg.count()).received < expected && monoMs() < drainDeadline) await sleep(100);
        const usage = meter.read().percentOfCore;
        const result = await lg.evaluate(drive.decisions);
        const figures = {
          result,
          // PostgreSQL's backends that exit during a phase take their CPU time with them: a lower bound.
          cpu: { apps: servers.map((_, s) => usage[`app${s}`] ?? Number.NaN), database: Math.max(0, usage.database ?? Number.NaN) },
        };
        say(
          `  ${label}: ${name} ${result.delivered}/${result.expected} delivered (duplicates ${result.duplicates}, mismatched ${result.mismatched}), ` +
            `p50 ${result.latency.p50.toFixed(1)} / p99 ${result.latency.p99.toFixed(1)} / max ${result.latency.max.toFixed(1)} ms; ` +
            `CPU ${figures.cpu.apps.map((cpu) => `${cpu.toFixed(0)}%`).join(" + ")} (PostgreSQL ${figures.cpu.database.toFixed(0)}%)`,
        );
        return figures;
      };
      const steady = await phase("steady", options.steadyRate, options.steadySeconds);
      const burst = await phase("burst", (options.burstDeliveries * users.length) / n, options.burstSeconds);
      const figures: RunFigures = { instances: servers.length, connectMs, steady, burst };
      if (takeover) figures.takeoverMs = await timeTakeover(ctx.group, servers);
      return figures;
    } finally {
      await lg.close();
    }
  };

  say("One instance:");
  const single = await startApp(ctx);
  const singleFigures = await measure([single], false);
  await ctx.group.stop(single.child);

  say("Two instances:");
  const pair = [await startApp(ctx), await startApp(ctx, second)];
  const pairFigures = await measure(pair, true);
  for (const server of pair) await ctx.group.stop(server.child);
  driver.close();

  await run.finish(0, () => {
    for (const line of report(n, users.length, singleFigures, pairFigures, options)) console.log(line);
  });
}

/** SIGKILLs the instance holding the feed; ms until another one holds it, subscribed (null: not within 30 s). */
async function timeTakeover(group: ProcessGroup, servers: Server[]): Promise<number | null> {
  const roles = await Promise.all(servers.map(async (server) => (await appHealth(server)).cluster?.leadership.role));
  const leader = servers[roles.indexOf("leader")];
  if (!leader) throw new Error(`no instance leads (roles: ${roles.join(", ")})`);
  const others = servers.filter((server) => server !== leader);
  group.expectExit(leader.child);
  const killedAt = monoMs();
  leader.child.process.kill("SIGKILL");
  while (monoMs() - killedAt < 30_000) {
    for (const server of others) {
      const health = await appHealth(server).catch(() => null);
      if (health?.cluster?.leadership.role === "leader" && health.feed?.connected) {
        const ms = monoMs() - killedAt;
        say(`  takeover: ${server.child.name} holds sFOX's feed ${ms.toFixed(0)} ms after the leader was killed`);
        return ms;
      }
    }
    await sleep(20);
  }
  say("  takeover: no instance took the feed over within 30 s");
  return null;
}

function report(n: number, userCount: number, single: RunFigures, pair: RunFigures, options: ReturnType<typeof parseOptions>): string[] {
  const row = (label: string, a: string, b: string) => `${label.padEnd(42)}| ${a.padEnd(22)}| ${b}`;
  const latency = (phase: PhaseFigures) =>
    `${phase.result.latency.p50.toFixed(1)} / ${phase.result.latency.p99.toFixed(1)} / ${phase.result.latency.max.toFixed(1)}`;
  const delivered = (phase: PhaseFigures) => `${phase.result.delivered}/${phase.result.expected}`;
  const cpu = (phase: PhaseFigures) => `${phase.cpu.apps.map((value) => value.toFixed(0)).join(" + ")} (+ PG ${phase.cpu.database.toFixed(0)})`;
  const total = (run: RunFigures) => ({
    delivered: run.steady.result.delivered + run.burst.result.delivered,
    expected: run.steady.result.expected + run.burst.result.expected,
  });
  const pairTotal = total(pair);
  const burstRate = (options.burstDeliveries * userCount) / n;
  return [
    "",
    `Scale-out benchmark: N = ${n.toLocaleString("en-US")} SSE clients (${userCount} users x ${n / userCount} tabs) on one PostgreSQL 15 (throwaway, fsync off),`,
    `${os.cpus().length} cores shared by every process; Node ${process.version}. Steady ${options.steadyRate} events/s for ${options.steadySeconds} s; burst ${burstRate} events/s (${options.burstDeliveries.toLocaleString("en-US")} deliveries/s) for ${options.burstSeconds} s.`,
    "Latency: decision posted to the sandbox -> event parsed by the client (ms).",
    "",
    row("", "one instance", "two instances (tabs split)"),
    "-".repeat(94),
    row("connect all clients, s", (single.connectMs / 1000).toFixed(1), (pair.connectMs / 1000).toFixed(1)),
    row("steady: delivered", delivered(single.steady), delivered(pair.steady)),
    row("steady: latency p50 / p99 / max", latency(single.steady), latency(pair.steady)),
    row("steady: CPU % of a core per instance", cpu(single.steady), cpu(pair.steady)),
    row("burst: delivered", delivered(single.burst), delivered(pair.burst)),
    row("burst: latency p50 / p99 / max", latency(single.burst), latency(pair.burst)),
    row("burst: CPU % of a core per instance", cpu(single.burst), cpu(pair.burst)),
    row("duplicates / mismatched (both phases)", `${single.steady.result.duplicates + single.burst.result.duplicates} / ${single.steady.result.mismatched + single.burst.result.mismatched}`, `${pair.steady.result.duplicates + pair.burst.result.duplicates} / ${pair.steady.result.mismatched + pair.burst.result.mismatched}`),
    row("takeover after SIGKILL of the leader, ms", "", pair.takeoverMs === null || pair.takeoverMs === undefined ? "not within 30 s" : pair.takeoverMs.toFixed(0)),
    "",
    `Run time ${((monoMs() - startedAt) / 60_000).toFixed(1)} min.`,
    `BENCH scale instances=2 clients=${n} delivered=${pairTotal.delivered}/${pairTotal.expected} burst_p99_ms=${pair.burst.result.latency.p99.toFixed(1)} ` +
      `single_burst_p99_ms=${single.burst.result.latency.p99.toFixed(1)} takeover_ms=${pair.takeoverMs === null || pair.takeoverMs === undefined ? "none" : pair.takeoverMs.toFixed(0)}`,
  ];
}

main().catch((error: unknown) => run.fail(error));
