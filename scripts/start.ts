/**
 * `npm start` (and `npm run dev` with --dev): validates the configuration, then runs the product.
 * In sandbox mode (no SFOX_API_KEY) it also starts the local sFOX sandbox and points the app at it.
 * Prints the URL once the app answers; stops everything it started on Ctrl-C / SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv, type AppEnv } from "../lib/env";
import { loadOrCreateLocalSecrets } from "./local-secrets";

const dev = process.argv.includes("--dev");
const root = path.resolve(import.meta.dirname, "..");
const children = new Set<ChildProcess>();
let stopping = false;

async function main(): Promise<void> {
  // The same .env files Next.js reads, so the launcher validates what the app will see.
  nextEnv.loadEnvConfig(root, dev);
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? (dev ? "development" : "production") };
  let env = validate(baseEnv);
  const dataDir = path.resolve(root, env.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const childEnv: NodeJS.ProcessEnv = { ...baseEnv, DATA_DIR: dataDir };
  if (env.sfox.mode === "sandbox") {
    const secrets = loadOrCreateLocalSecrets(dataDir);
    childEnv.SESSION_SECRET ||= secrets.SESSION_SECRET;
    childEnv.TOKEN_ENCRYPTION_KEY ||= secrets.TOKEN_ENCRYPTION_KEY;
    env = validate(childEnv);
  }

  if (!dev && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    fail("No production build found. Run `npm run build` first (or `npm run dev` while developing).");
  }

  if (env.sfox.mode === "sandbox") {
    // The sandbox keeps its state beside the app's database, so a restart leaves both in agreement.
    start("sandbox", process.execPath, ["--import", "tsx", path.join(root, "sandbox", "main.ts")], {
      ...childEnv,
      SANDBOX_PORT: String(env.sandboxPort),
      SANDBOX_API_KEY: env.sfox.apiKey,
      SANDBOX_STATE_FILE: path.join(dataDir, "sandbox-state.json"),
    });
    await waitForHttp(`${env.sfox.apiUrl}/_sandbox/health`, 30_000, "the sFOX sandbox");
  }

  // Next.js behind a thin Node layer that serves the event streams (scripts/app-server.ts).
  const appArgs = ["--import", "tsx", path.join(root, "scripts", "app-server.ts"), ...(dev ? ["--dev"] : [])];
  start("app", process.execPath, appArgs, { ...childEnv, PORT: String(env.port) });

  const url = `http://localhost:${env.port}`;
  await waitForHttp(`http://127.0.0.1:${env.port}/`, dev ? 120_000 : 60_000, "the app");
  console.log("");
  console.log(`  ${env.partnerName} onboarding is running at ${url}`);
  console.log(
    `  sFOX: ${env.sfox.mode === "sandbox" ? `sandbox at ${env.sfox.apiUrl} (local simulator, no real accounts)` : env.sfox.apiUrl}`,
  );
  console.log(`  Database: ${env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${path.join(dataDir, "pglite")}`}`);
  console.log("");
}

function validate(source: NodeJS.ProcessEnv): AppEnv {
  try {
    return parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (stopping) return;
    // One part gone means the product is broken: stop the rest rather than limp on.
    console.error(`[start] ${name} exited (${signal ?? `code ${code}`}); stopping.`);
    void shutdown(code && code !== 0 ? code : 1);
  });
  return child;
}

async function waitForHttp(url: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`${what} did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of children) child.kill("SIGTERM");
  const forceKill = setTimeout(() => children.forEach((child) => child.kill("SIGKILL")), 10_000);
  await Promise.all(exits);
  clearTimeout(forceKill);
  process.exit(exitCode);
}

function fail(message: string): never {
  console.error(`\n[start] ${message}\n`);
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
