/**
 * The processes the benchmark starts (sandbox, app, floor, load generators): each a plain
 * `node` child with its output in a log file, stopped by pid on exit, Ctrl-C or error. Every
 * child also loads probe.ts, which exits it if this process disappears without cleaning up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sleep } from "./clock";

/** An environment for a child (NodeJS.ProcessEnv without Next's required NODE_ENV). */
export type Env = Record<string, string | undefined>;

const PROBE = pathToFileURL(path.join(import.meta.dirname, "probe.ts")).href;

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
}

export class ProcessGroup {
  private readonly children = new Set<Child>();
  private readonly expectedExits = new WeakSet<Child>();
  /** Called when a child dies that nobody asked to stop. */
  onUnexpectedExit: (child: Child, code: number | null, signal: NodeJS.Signals | null) => void = () => {};

  constructor(
    private readonly cwd: string,
    private readonly logDir: string,
  ) {}

  /** `node [--conditions] --import tsx --import probe.ts <script> ...args`. */
  spawnNode(
    name: string,
    script: string,
    options: { args?: string[]; env: Env; ipc?: boolean; nodeFlags?: string[]; oneShot?: boolean },
  ): Child {
    const logFile = path.join(this.logDir, `${name}.log`);
    const out = fs.openSync(logFile, "a");
    const argv = [
      ...(options.nodeFlags ?? []),
      "--import",
      "tsx",
      "--import",
      PROBE,
      script,
      ...(options.args ?? []),
    ];
    const stdio: Array<"ignore" | "ipc" | number> = ["ignore", out, out];
    if (options.ipc) stdio.push("ipc");
    const proc = spawn(process.execPath, argv, {
      cwd: this.cwd,
      env: { ...options.env, BENCH_PARENT_PID: String(process.pid) } as unknown as NodeJS.ProcessEnv,
      stdio,
    });
    fs.closeSync(out);
    if (proc.pid === undefined) throw new Error(`could not start ${name}`);
    let resolveExit: (code: number | null) => void = () => {};
    const child: Child = {
      name,
      process: proc,
      pid: proc.pid,
      logFile,
      exited: new Promise((resolve) => (resolveExit = resolve)),
    };
    this.children.add(child);
    // A one-shot job (the seeding) is meant to exit.
    if (options.oneShot) this.expectedExits.add(child);
    proc.on("exit", (code, signal) => {
      this.children.delete(child);
      resolveExit(code);
      if (!this.expectedExits.has(child)) this.onUnexpectedExit(child, code, signal);
    });
    return child;
  }

  /** The child is about to exit on its own (asked to over IPC): not a failure. */
  expectExit(child: Child): void {
    this.expectedExits.add(child);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(child: Child, graceMs = 8_000): Promise<void> {
    this.expectedExits.add(child);
    if (child.process.exitCode !== null || child.process.signalCode !== null) return;
    child.process.kill("SIGTERM");
    const killed = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!killed) {
      child.process.kill("SIGKILL");
      await child.exited;
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children].map((child) => this.stop(child)));
  }

  /** Stops everything synchronously (for process exit handlers that cannot wait). */
  killAllNow(): void {
    for (const child of this.children) {
      this.expectedExits.add(child);
      child.process.kill("SIGKILL");
    }
  }
}

/** The last lines of a child's log, to show why it failed. */
export function tailOf(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** A loopback port nobody listens on right now (the tests' helper, shared). */
export { freePort } from "../../test/postgres";

export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // Not there yet.
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(200);
  }
}

export async function getJson<T>(url: string, timeoutMs = 5_000): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, body: (await response.json()) as T };
}
