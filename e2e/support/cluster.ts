import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { registrationCases } from "../../test/fixtures/registration-cases";
import { startTestPostgres, freePort, type TestPostgres } from "../../test/postgres";

/**
 * Several app instances (scripts/app-server.ts, the production build) on one throwaway PostgreSQL,
 * with their own sandbox: what a partner runs behind a load balancer. Every child's output goes
 * to `test-results/<name>.log`.
 */
export interface Instance {
  name: string;
  port: number;
  origin: string;
  /** The running process (a new one after `restart`). */
  child: ChildProcess;
  /** SIGKILL: the process dies without closing anything, as on a crash or a lost machine. */
  kill(): Promise<void>;
  /** Starts it again on the same port, and waits until it follows the event log. */
  restart(): Promise<void>;
}

export interface Cluster {
  postgres: TestPostgres;
  db: pg.Client;
  sandboxOrigin: string;
  apiKey: string;
  instances: Instance[];
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..", "..");
const logDir = path.join(root, "test-results");
const CONFIG_VARIABLE =
  /^(SFOX_|SANDBOX_|PORT$|DATA_DIR$|DATABASE_URL$|SESSION_SECRET$|TOKEN_ENCRYPTION_KEY$|APP_URL$|ADMIN_|NODE_OPTIONS$)/;

function spawnNode(name: string, file: string, env: Record<string, string>): ChildProcess {
  fs.mkdirSync(logDir, { recursive: true });
  const log = fs.openSync(path.join(logDir, `${name}.log`), "w");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CONFIG_VARIABLE.test(key)));
  return spawn(process.execPath, ["--import", "tsx", file], {
    cwd: root,
    env: { ...inherited, ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", log, log],
  });
}

async function waitFor(what: string, timeoutMs: number, pollMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export async function health(origin: string): Promise<AppHealth> {
  const response = await fetch(`${origin}/api/health`);
  return (await response.json()) as AppHealth;
}

export interface AppHealth {
  ok: boolean;
  feed: { state: string; connected: boolean } | null;
  reconciliation: { runs: number; running: boolean } | null;
  cluster: { leadership: { role: string }; eventLog: { listening: boolean; cursor: number | null } } | null;
  streams: { onboarding: number; admin: number } | null;
}

export async function startCluster(size: number): Promise<Cluster> {
  const postgres = await startTestPostgres();
  const children: ChildProcess[] = [];
  const apiKey = `cluster-key-${randomBytes(6).toString("hex")}`;
  const admin = { email: "cluster-admin@e2e.test", password: "cluster-admin-password-0123" };
  try {
    const sandboxPort = await freePort();
    const sandbox = spawnNode("cluster-sandbox", "sandbox/main.ts", {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_API_KEY: apiKey,
      SANDBOX_AUTO_REVIEW: "false",
      SANDBOX_RATE_LIMIT: "100000",
      SANDBOX_LOG: "false",
    });
    children.push(sandbox);
    const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
    await waitFor("the sandbox", 30_000, 100, async () => (await fetch(`${sandboxOrigin}/_sandbox/health`)).ok);

    // What every instance shares: the database, the secrets, the upstream.
    const shared = {
      NODE_ENV: "production",
      DATABASE_URL: postgres.url,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      SFOX_API_URL: sandboxOrigin,
      SFOX_WS_URL: `ws://127.0.0.1:${sandboxPort}/ws`,
      SANDBOX_API_KEY: apiKey,
      SANDBOX_PORT: String(sandboxPort),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: "info",
    };
    const instances: Instance[] = [];
    for (let i = 0; i < size; i++) {
      const port = await freePort();
      const name = `cluster-app-${String.fromCharCode(97 + i)}`;
      const env = { ...shared, PORT: String(port), DATA_DIR: `.data/${name}-${port}` };
      const instance: Instance = {
        name,
        port,
        origin: `http://127.0.0.1:${port}`,
        child: spawnNode(name, "scripts/app-server.ts", env),
        kill: () =>
          new Promise((resolve) => {
            const { child } = instance;
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
          }),
        restart: async () => {
          await instance.kill();
          instance.child = spawnNode(`${name}-restarted`, "scripts/app-server.ts", env);
          children.push(instance.child);
          await waitUntilFollowing(instance);
        },
      };
      children.push(instance.child);
      instances.push(instance);
    }
    for (const instance of instances) await waitUntilFollowing(instance);
    const db = new pg.Client({ connectionString: postgres.url });
    // A test may stop the server under it (postgres.pause); that must not crash the test's process.
    db.on("error", () => undefined);
    await db.connect();
    return {
      postgres,
      db,
      sandboxOrigin,
      apiKey,
      instances,
      admin,
      stop: async () => {
        await db.end().catch(() => undefined);
        await stopChildren(children);
        await postgres.stop();
      },
    };
  } catch (error) {
    await stopChildren(children);
    await postgres.stop();
    throw error;
  }
}

function waitUntilFollowing(instance: Instance): Promise<void> {
  return waitFor(instance.name, 180_000, 100, async () => (await health(instance.origin)).cluster?.eventLog.listening === true);
}

async function stopChildren(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}

/** The instance holding sFOX's feed, once exactly one does and its feed is subscribed. */
export async function waitForLeader(instances: readonly Instance[], timeoutMs = 10_000, pollMs = 100): Promise<Instance> {
  let leader: Instance | undefined;
  await waitFor("a feed leader", timeoutMs, pollMs, async () => {
    const states = await Promise.all(
      instances.map(async (instance) => {
        try {
          return { instance, health: await health(instance.origin) };
        } catch {
          return { instance, health: null };
        }
      }),
    );
    const leaders = states.filter(({ health }) => health?.cluster?.leadership.role === "leader" && health.feed?.connected);
    leader = leaders.length === 1 ? leaders[0]!.instance : undefined;
    return leader !== undefined;
  });
  return leader!;
}

/** A partner admin's session cookie, signed in on one instance (sessions live in the database). */
export async function signInAdmin(cluster: Cluster, instance: Instance): Promise<string> {
  const response = await fetch(`${instance.origin}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: instance.origin },
    body: JSON.stringify(cluster.admin),
  });
  if (!response.ok) throw new Error(`admin sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

const VALID_INDIVIDUAL = registrationCases.find((item) => item.valid && /US individual/i.test(item.name))!.payload as Record<string, unknown>;

/** sFOX's side: register an account, decide on it, list what it holds. */
export function sandboxApi(cluster: Cluster) {
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${cluster.sandboxOrigin}${url}`, {
      method,
      headers: { authorization: `Bearer ${cluster.apiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const register = (payload: unknown) => call("POST", "/v1/enterprise/register-account", payload);
  return {
    register,
    /** A valid US individual under `userId` (email `<userId>@example.test`), opened at sFOX directly. */
    registerIndividual: (userId: string) =>
      register({ ...structuredClone(VALID_INDIVIDUAL), user_id: userId, email: `${userId}@example.test` }),
    decide: (userId: string, status: "VERIFIED" | "PENDING" | "UNSUPPORTED") =>
      call("POST", `/_sandbox/users/${encodeURIComponent(userId)}/decision`, { status }),
    users: async () => ((await call("GET", "/v1/enterprise/users")) as { data: Array<{ user_id: string; status: string }> }).data,
    /** Authenticated WebSocket connections to the feed. */
    feedConnections: async () =>
      ((await (await fetch(`${cluster.sandboxOrigin}/_sandbox/health`)).json()) as { ws: { authenticated: number } }).ws
        .authenticated,
  };
}

/**
 * An admin event stream read the way a browser's EventSource reads it: every `id:` in order, and
 * after the stream ends a new request with `Last-Event-ID`, to wherever `origin()` says (a load
 * balancer's choice).
 */
export function followAdminStream(origin: () => string, cookie: string, since: number) {
  const ids: number[] = [];
  const resumedWith: Array<string | null> = [];
  let lastId: string | null = null;
  let closed = false;
  let request: http.ClientRequest | null = null;
  const connect = () => {
    if (closed) return;
    const url = new URL(lastId === null ? `/api/admin/events?since=${since}` : "/api/admin/events", origin());
    resumedWith.push(lastId);
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      setTimeout(connect, 300);
    };
    request = http.get(
      url,
      { headers: { cookie, accept: "text/event-stream", ...(lastId ? { "last-event-id": lastId } : {}) } },
      (response) => {
        let buffer = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: ?(\d+)$/m.exec(frame)?.[1];
            if (id !== undefined) {
              lastId = id;
              ids.push(Number(id));
            }
          }
        });
        response.on("close", retry);
      },
    );
    request.on("error", retry);
  };
  connect();
  return {
    ids,
    resumedWith,
    close() {
      closed = true;
      request?.destroy();
    },
  };
}
