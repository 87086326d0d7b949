/**
 * One measured run: a server (app or floor) with N clients, through warm-up, connect, idle,
 * steady and burst phases; for the app also the slow-consumer experiment (inside the burst) and,
 * when asked, a restart with everyone connected.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monoMs, sleep } from "./clock";
import { LoadGenerator } from "./loadgen-handle";
import type { ClientSpec, PhaseResult } from "./loadgen-protocol";
import type { BenchOptions } from "./options";
import { CpuMeter, listenOverflows, rssKb, withChildren } from "./proc-stats";
import { type RestartReport, restartApp } from "./restart";
import type { Child } from "./processes";
import type { SandboxDriver } from "./sandbox-driver";
import { type SlowReport, type SlowTimeline, resolveSlowConsumers, slowConsumer } from "./slow-consumers";
import {
  type AppHealth,
  type BenchContext,
  type LoopDelay,
  type Server,
  appHealth,
  memoryAfterGc,
  openStreams,
  readLoopDelay,
  resetLoopDelay,
  startApp,
  startFloor,
} from "./servers";

export interface RunPlan {
  n: number;
  users: string[];
  cookies: string[];
  /** Measured clients per user index. */
  clientsOf: number[];
  backlogCookie: string;
  backlog: number;
  restart: boolean;
}

export interface PhaseReport {
  name: "steady" | "burst";
  eventsPerSecond: number;
  deliveriesPerSecond: number;
  seconds: number;
  result: PhaseResult;
  /** % of one core over the phase (including the drain), per process; host: % of all cores. */
  cpu: {
    server: number;
    sandbox: number;
    loadgen: number;
    bench: number;
    database: number | null;
    host: number;
    others: number;
  };
  loop: LoopDelay;
  /** The load generator's and the sandbox's own event-loop delay (if they lag, latencies are theirs, not the server's). */
  loadgenLoop: LoopDelay;
  sandboxLoop: LoopDelay;
  /** The app's own /api/health figure, when it exposes one. */
  healthLoopP99: number | null;
  failedDecisions: number;
  failureReasons: Record<string, number>;
  maxLateMs: number;
  drainMs: number;
}

/** After a full GC: RSS (VmRSS) and what V8 holds (heap used + external), in KB. */
export interface Memory {
  rssKb: number;
  heapKb: number;
}

export interface TargetReport {
  kind: "app" | "floor";
  n: number;
  users: number;
  connectMs: number;
  notOpened: number;
  /** Host-wide listen-queue overflows while the clients connected. */
  connectOverflows: number;
  memBase: Memory;
  memIdle: Memory;
  memAfter: Memory;
  steady: PhaseReport;
  burst: PhaseReport;
  slow?: SlowReport;
  restart?: RestartReport;
}

export async function runTarget(
  kind: "app" | "floor",
  ctx: BenchContext,
  options: BenchOptions,
  plan: RunPlan,
  driver: SandboxDriver,
  sandbox: Child,
  say: (line: string) => void,
): Promise<TargetReport> {
  let server = kind === "app" ? await startApp(ctx) : await startFloor(ctx);
  const lg = LoadGenerator.start(ctx.group, `loadgen-${kind}-${plan.n}`, {
    ...ctx.baseEnv,
    BENCH_PROBE_PORT: String(ctx.loadgenProbePort),
  });
  try {
    // Warm-up: a few streams and events through the code paths, then back to no client.
    const warm = Array.from({ length: 50 }, (_, i): ClientSpec => ({
      key: `warm${i}`,
      user: 0,
      cookie: plan.cookies[0] ?? "",
      role: "reference",
    }));
    await lg.connect(server.port, warm, 50);
    await driver.drive(plan.users.slice(0, 1), 10, 1);
    await sleep(500);
    await lg.disconnect(warm.map((spec) => spec.key));
    await sleep(2_000);
    const memBase = await settledMemory(server);

    const specs: ClientSpec[] = [];
    for (let i = 0; i < plan.n; i++) {
      const user = i % plan.users.length;
      specs.push({ key: `c${i}`, user, cookie: plan.cookies[user] ?? "", role: "normal" });
    }
    const extras: ClientSpec[] =
      kind === "app"
        ? [
            { key: "stalled", user: 0, cookie: plan.cookies[0] ?? "", role: "stalled" },
            { key: "reference", user: 0, cookie: plan.cookies[0] ?? "", role: "reference" },
          ]
        : [];
    say(`  ${kind}: connecting ${plan.n.toLocaleString("en-US")} clients`);
    const overflowsBefore = listenOverflows();
    const connection = await lg.connect(server.port, [...specs, ...extras], options.connectConcurrency);
    if (connection.notOpened > 0)
      say(`  ${kind}: ${connection.notOpened} clients could not connect within 180 s`);
    // Settle: every stream counted by the server (and its history replayed).
    const want = specs.length + extras.length;
    const settleDeadline = monoMs() + 60_000;
    while (monoMs() < settleDeadline && (await openStreams(server).catch(() => 0)) < want) await sleep(500);
    await sleep(3_000);
    const memIdle = await settledMemory(server);
    const connectOverflows = listenOverflows() - overflowsBefore;
    say(
      `  ${kind}: ${want} streams open in ${(connection.ms / 1000).toFixed(1)} s; RSS ${mb(memBase.rssKb)} -> ${mb(memIdle.rssKb)} MB`,
    );

    const phase = (
      name: "steady" | "burst",
      rate: number,
      seconds: number,
      during?: (start: number) => Promise<void>,
    ) =>
      runPhase({
        name,
        rate,
        seconds,
        during,
        server,
        sandbox,
        lg,
        driver,
        plan,
        loadgenProbePort: ctx.loadgenProbePort,
        logDir: ctx.logDir,
        sandboxProbePort: ctx.sandboxProbePort,
        postgresPid: kind === "app" ? ctx.postgresPid : null,
      });

    const steady = await phase("steady", options.steadyRate, options.steadySeconds);
    say(`  ${kind}: steady ${describe(steady)}`);

    const burstRate = (options.burstDeliveries * plan.users.length) / plan.n;
    let slowTimeline: SlowTimeline | null = null;
    const burst = await phase("burst", burstRate, options.burstSeconds, async (start) => {
      if (kind === "app") slowTimeline = await slowConsumer(server, lg, start, options.burstSeconds, plan);
    });
    say(`  ${kind}: burst ${describe(burst)}`);
    const memAfter = await settledMemory(server);

    const report: TargetReport = {
      kind,
      n: plan.n,
      users: plan.users.length,
      connectMs: connection.ms,
      notOpened: connection.notOpened,
      connectOverflows,
      memBase,
      memIdle,
      memAfter,
      steady,
      burst,
    };
    if (kind === "app" && slowTimeline) {
      report.slow = await resolveSlowConsumers(server, lg, slowTimeline, plan, burst);
      const { slow, reader } = report.slow;
      say(
        `  app: slow consumer ${slow.droppedAfterMs === null ? "not seen dropped" : "dropped"}, got ${slow.history.received}/${plan.backlog} ` +
          `after resuming (${slow.history.attempts} requests); a reading client got ${reader.history.received}/${plan.backlog} (${reader.history.attempts} requests)`,
      );
    }
    if (kind === "app" && plan.restart) {
      const outcome = await restartApp(ctx, server, lg, driver, plan, burstRate);
      server = outcome.server;
      report.restart = outcome.report;
      say(
        `  app: restart: all ${outcome.report.clients} back ${outcome.report.allBackMs === null ? "NOT within 90 s" : `after ${(outcome.report.allBackMs / 1000).toFixed(1)} s`}`,
      );
    }
    return report;
  } finally {
    await lg.close();
    await ctx.group.stop(server.child);
  }
}

interface PhaseInput {
  name: "steady" | "burst";
  logDir: string;
  sandboxProbePort: number;
  loadgenProbePort: number;
  postgresPid: number | null;
  rate: number;
  seconds: number;
  during?: (start: number) => Promise<void>;
  server: Server;
  sandbox: Child;
  lg: LoadGenerator;
  driver: SandboxDriver;
  plan: RunPlan;
}

async function runPhase(input: PhaseInput): Promise<PhaseReport> {
  const { server, lg, driver, plan } = input;
  await sleep(1_000);
  await lg.mark();
  await Promise.all([
    resetLoopDelay(server.probePort),
    resetLoopDelay(input.loadgenProbePort),
    resetLoopDelay(input.sandboxProbePort),
  ]);
  const postgresPid = input.postgresPid;
  const cpu = new CpuMeter({
    server: server.child.pid,
    sandbox: input.sandbox.pid,
    loadgen: lg.child.pid,
    bench: process.pid,
    ...(postgresPid ? { database: () => withChildren(postgresPid) } : {}),
  });
  const start = monoMs();
  const during = input.during?.(start) ?? Promise.resolve();
  const drive = await driver.drive(plan.users, input.rate, input.seconds);

  const expected = drive.decisions.reduce(
    (sum, d, user) => sum + d.sendTimes.length * (plan.clientsOf[user] ?? 0),
    0,
  );
  const drainDeadline = drive.endedAt + 15_000;
  for (;;) {
    const { received } = await lg.count();
    if (received >= expected || monoMs() > drainDeadline) break;
    await sleep(100);
  }
  const drainMs = monoMs() - drive.endedAt;
  const usage = cpu.read();
  const [loop, loadgenLoop, sandboxLoop] = await Promise.all([
    readLoopDelay(server.probePort),
    readLoopDelay(input.loadgenProbePort),
    readLoopDelay(input.sandboxProbePort),
  ]);
  let healthLoopP99: number | null = null;
  if (server.kind === "app") {
    const health: AppHealth = await appHealth(server).catch(() => ({}));
    healthLoopP99 = health.eventLoopDelayMs?.p99 ?? null;
  }
  await during;
  const third = (input.seconds * 1000) / 3;
  const result = await lg.evaluate(drive.decisions, [
    { label: "first third", from: start - 1, to: start + third },
    { label: "second third", from: start + third, to: start + 2 * third },
    { label: "last third", from: start + 2 * third, to: drive.endedAt + 1 },
  ]);
  fs.writeFileSync(
    path.join(input.logDir, `timeline-${server.kind}-${plan.n}-${input.name}.json`),
    JSON.stringify({ loop, loadgenLoop, sandboxLoop, cpu: usage, timeline: result.timeline }),
  );
  return {
    name: input.name,
    eventsPerSecond: input.rate,
    deliveriesPerSecond: expected / input.seconds,
    seconds: input.seconds,
    result,
    cpu: {
      server: usage.percentOfCore.server ?? Number.NaN,
      sandbox: usage.percentOfCore.sandbox ?? Number.NaN,
      loadgen: usage.percentOfCore.loadgen ?? Number.NaN,
      bench: usage.percentOfCore.bench ?? Number.NaN,
      database: usage.percentOfCore.database ?? null,
      host: usage.hostBusyPercent,
      // What the rest of the host used meanwhile (other jobs on a shared machine), in % of one core.
      others: Math.max(
        0,
        (usage.hostBusyPercent / 100) * os.cpus().length * 100 -
          Object.values(usage.percentOfCore).reduce((sum, v) => sum + (Number.isNaN(v) ? 0 : v), 0),
      ),
    },
    loop,
    loadgenLoop,
    sandboxLoop,
    healthLoopP99,
    failedDecisions: drive.failed,
    failureReasons: drive.failures,
    maxLateMs: drive.maxLateMs,
    drainMs,
  };
}

function describe(phase: PhaseReport): string {
  const { result } = phase;
  return (
    `${result.delivered}/${result.expected} delivered, p50 ${result.latency.p50.toFixed(1)} / p99 ${result.latency.p99.toFixed(1)} / ` +
    `max ${result.latency.max.toFixed(1)} ms, CPU ${phase.cpu.server.toFixed(0)}%, loop p99 ${phase.loop.p99.toFixed(1)} ms`
  );
}

async function settledMemory(server: Server): Promise<Memory> {
  const memory = await memoryAfterGc(server.probePort);
  await sleep(500);
  return { rssKb: rssKb(server.child.pid), heapKb: (memory.heapUsed + memory.external) / 1024 };
}

function mb(kb: number): string {
  return (kb / 1024).toFixed(0);
}
