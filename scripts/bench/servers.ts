/**
 * Starting the measured servers and asking them how they are: the sandbox (sFOX simulator), the
 * app (scripts/app-server.ts, production build) and the floor (floor-server.ts).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { type Child, type Env, type ProcessGroup, freePort, getJson, waitFor } from "./processes";

export interface BenchContext {
  root: string;
  group: ProcessGroup;
  /** The environment children start from: this process's, minus anything that would configure the app. */
  baseEnv: Env;
  dataDir: string;
  /** Logs of every child, and the per-second latency timelines of each phase. */
  logDir: string;
  apiKey: string;
  sessionSecret: string;
  tokenEncryptionKey: string;
  appNodeFlags: string[];
  /** PostgreSQL instead of PGlite (--database=postgres), and its postmaster for CPU accounting. */
  databaseUrl: string | null;
  postgresPid: number | null;
  sandboxPort: number;
  appPort: number;
  floorPort: number;
  appProbePort: number;
  floorProbePort: number;
  loadgenProbePort: number;
  sandboxProbePort: number;
  floorSessionsFile: string;
}

export interface Server {
  kind: "app" | "floor";
  child: Child;
  port: number;
  probePort: number;
}

export interface AppHealth {
  ok?: boolean;
  feed?: { connected?: boolean } | null;
  reconciliation?: { running?: boolean; runs?: number } | null;
  cluster?: { leadership: { role: string } } | null;
  streams?: { onboarding?: number } | null;
  eventLoopDelayMs?: { p50: number; p99: number; max: number };
}

export interface LoopDelay {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Variables that configure the app or the sandbox: never inherited from the caller's shell. */
const CONFIG_VARIABLE =
  /^(SFOX_|SANDBOX_|BENCH_|FLOOR_|PORT$|DATA_DIR$|DATABASE_URL$|SESSION_SECRET$|TOKEN_ENCRYPTION_KEY$|APP_URL$|ADMIN_|PARTNER_NAME$|LOG_LEVEL$|TRUST_PROXY$|NODE_ENV$|NODE_OPTIONS$)/;

/**
 * A run's context: fresh secrets and API key, free loopback ports for every server and probe, and
 * the environment children start from (this process's, minus anything that configures the app).
 */
export async function newBenchContext(parts: {
  root: string;
  group: ProcessGroup;
  workDir: string;
  logDir: string;
  appNodeFlags?: string[];
  database?: { url: string; pid: number | null } | null;
  env?: Env;
}): Promise<BenchContext> {
  return {
    root: parts.root,
    group: parts.group,
    baseEnv: { ...cleanEnv(process.env), ...parts.env },
    dataDir: path.join(parts.workDir, "data"),
    logDir: parts.logDir,
    apiKey: randomBytes(16).toString("hex"),
    sessionSecret: randomBytes(32).toString("base64url"),
    tokenEncryptionKey: randomBytes(32).toString("hex"),
    appNodeFlags: parts.appNodeFlags ?? [],
    databaseUrl: parts.database?.url ?? null,
    postgresPid: parts.database?.pid ?? null,
    sandboxPort: await freePort(),
    appPort: await freePort(),
    floorPort: await freePort(),
    appProbePort: await freePort(),
    floorProbePort: await freePort(),
    loadgenProbePort: await freePort(),
    sandboxProbePort: await freePort(),
    floorSessionsFile: path.join(parts.workDir, "floor-sessions.json"),
  };
}

export function cleanEnv(source: Env): Env {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !CONFIG_VARIABLE.test(key)));
}

/** The sandbox on the run's port and key; `env` overrides its settings (the soak turns the review on). */
export async function startSandbox(ctx: BenchContext, env: Env = {}): Promise<Child> {
  const child = ctx.group.spawnNode("sandbox", path.join(ctx.root, "sandbox", "main.ts"), {
    env: {
      ...ctx.baseEnv,
      SANDBOX_PORT: String(ctx.sandboxPort),
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_API_KEY: ctx.apiKey,
      // Decisions only: no automatic review changing statuses behind the benchmark's back.
      SANDBOX_AUTO_REVIEW: "false",
      SANDBOX_LOG: "false",
      // The app's reconciliations and the registrations must never be throttled mid-run.
      SANDBOX_RATE_LIMIT: "1000000",
      BENCH_PROBE_PORT: String(ctx.sandboxProbePort),
      ...env,
    },
  });
  await waitFor("the sandbox", 30_000, async () =>
    (await getJson(`http://127.0.0.1:${ctx.sandboxPort}/_sandbox/health`)).status === 200 ? true : undefined,
  );
  return child;
}

/**
 * The app as `npm start` runs it (app-server.ts, NODE_ENV=production), on the benchmark's ports and
 * DATA_DIR, or (bench:scale) as one more instance on ports of its own.
 */
export async function startApp(
  ctx: BenchContext,
  at: { name: string; port: number; probePort: number } = { name: "app", port: ctx.appPort, probePort: ctx.appProbePort },
): Promise<Server> {
  const child = ctx.group.spawnNode(at.name, path.join(ctx.root, "scripts", "app-server.ts"), {
    nodeFlags: ["--expose-gc", ...ctx.appNodeFlags],
    env: {
      ...ctx.baseEnv,
      NODE_ENV: "production",
      PORT: String(at.port),
      SANDBOX_PORT: String(ctx.sandboxPort),
      SANDBOX_API_KEY: ctx.apiKey,
      SFOX_API_URL: `http://127.0.0.1:${ctx.sandboxPort}`,
      SFOX_WS_URL: `ws://127.0.0.1:${ctx.sandboxPort}/ws`,
      DATA_DIR: ctx.dataDir,
      ...(ctx.databaseUrl ? { DATABASE_URL: ctx.databaseUrl } : {}),
      SESSION_SECRET: ctx.sessionSecret,
      TOKEN_ENCRYPTION_KEY: ctx.tokenEncryptionKey,
      LOG_LEVEL: "warn",
      BENCH_PROBE_PORT: String(at.probePort),
    },
  });
  const server: Server = { kind: "app", child, port: at.port, probePort: at.probePort };
  // Ready = answering and the feed subscribed (by this instance or, on a shared PostgreSQL, by the
  // leader), and this instance's start-up reconciliation done if it holds the feed (so it adds no
  // events later).
  await waitFor(at.name, 180_000, async () => {
    const health = await appHealth(server);
    const reconciled = health.reconciliation === null || ((health.reconciliation?.runs ?? 0) >= 1 && !health.reconciliation?.running);
    return health.feed?.connected && reconciled ? true : undefined;
  });
  return server;
}

export async function startFloor(ctx: BenchContext): Promise<Server> {
  const child = ctx.group.spawnNode("floor", path.join(import.meta.dirname, "floor-server.ts"), {
    nodeFlags: ["--expose-gc"],
    env: {
      ...ctx.baseEnv,
      NODE_ENV: "production",
      FLOOR_PORT: String(ctx.floorPort),
      FLOOR_WS_URL: `ws://127.0.0.1:${ctx.sandboxPort}/ws`,
      FLOOR_API_KEY: ctx.apiKey,
      FLOOR_SESSION_SECRET: ctx.sessionSecret,
      FLOOR_SESSIONS_FILE: ctx.floorSessionsFile,
      BENCH_PROBE_PORT: String(ctx.floorProbePort),
    },
  });
  const server: Server = { kind: "floor", child, port: ctx.floorPort, probePort: ctx.floorProbePort };
  await waitFor("the floor server", 30_000, async () =>
    (await floorHealth(server)).subscribed ? true : undefined,
  );
  return server;
}

export async function appHealth(server: Server): Promise<AppHealth> {
  return (await getJson<AppHealth>(`http://127.0.0.1:${server.port}/api/health`)).body;
}

export async function floorHealth(server: Server): Promise<{ subscribed: boolean; streams: number }> {
  return (await getJson<{ subscribed: boolean; streams: number }>(`http://127.0.0.1:${server.port}/health`))
    .body;
}

/** Open streams as the server itself counts them. */
export async function openStreams(server: Server): Promise<number> {
  if (server.kind === "floor") return (await floorHealth(server)).streams;
  return (await appHealth(server)).streams?.onboarding ?? 0;
}

export async function resetLoopDelay(probePort: number): Promise<void> {
  await getJson(`http://127.0.0.1:${probePort}/reset`);
}

/** Memory after a full garbage collection (the servers run with --expose-gc): RSS and what V8 holds. */
export async function memoryAfterGc(
  probePort: number,
): Promise<{ rss: number; heapUsed: number; external: number }> {
  return (
    await getJson<{ rss: number; heapUsed: number; external: number }>(
      `http://127.0.0.1:${probePort}/memory`,
      30_000,
    )
  ).body;
}

export async function readLoopDelay(probePort: number): Promise<LoopDelay> {
  return (await getJson<LoopDelay>(`http://127.0.0.1:${probePort}/read`)).body;
}
