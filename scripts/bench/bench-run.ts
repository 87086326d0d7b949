/**
 * What a benchmark run holds (its process groups, its PostgreSQL server, its work dir), stopped and
 * cleaned up in one place whichever way the run ends: done, failed, Ctrl-C or SIGTERM. Nothing it
 * started may outlive it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ProcessGroup, tailOf } from "./processes";

export class BenchRun {
  private readonly groups: ProcessGroup[] = [];
  private readonly cleanups: Array<() => Promise<unknown>> = [];
  private postgres: { stop(): Promise<void> } | null = null;
  private workDir: string | null = null;
  private keepWork = false;
  private finishing = false;

  constructor(private readonly name: string) {
    process.on("SIGINT", () => void this.finish(130));
    process.on("SIGTERM", () => void this.finish(143));
    process.on("exit", () => {
      for (const group of this.groups) group.killAllNow();
    });
  }

  /** True once the run is ending (requests failing then are the servers going away). */
  get stopping(): boolean {
    return this.finishing;
  }

  /**
   * A fresh work dir (`<tmp>/<prefix>-*`, removed at the end unless `keep` or a failure) with its
   * `logs/`, and the process group that starts children from `cwd` and logs there. A child that
   * dies without being asked to fails the run.
   */
  workspace(prefix: string, cwd: string, keep: boolean): { workDir: string; logDir: string; group: ProcessGroup } {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    this.useWorkDir(workDir, keep);
    const logDir = path.join(workDir, "logs");
    fs.mkdirSync(logDir);
    return { workDir, logDir, group: this.processGroup(cwd, logDir) };
  }

  /** A further process group of this run (children started from another folder), failing it the same way. */
  processGroup(cwd: string, logDir: string): ProcessGroup {
    const group = this.track(new ProcessGroup(cwd, logDir));
    group.onUnexpectedExit = (child, code, signal) => {
      void this.fail(new Error(`${child.name} (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}):\n${tailOf(child.logFile)}`));
    };
    return group;
  }

  track(group: ProcessGroup): ProcessGroup {
    this.groups.push(group);
    return group;
  }

  usePostgres(server: { stop(): Promise<void> }): void {
    this.postgres = server;
  }

  /** The work dir: removed at the end unless `keep`, or the run failed (its logs are kept then). */
  useWorkDir(dir: string, keep: boolean): void {
    this.workDir = dir;
    this.keepWork = keep;
  }

  /** Something else to release at the end (a browser), before the processes are stopped. */
  onFinish(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  /** Stops everything this run started, removes the work dir, then prints and exits. */
  async finish(code: number, print?: () => void): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    for (const cleanup of this.cleanups) await cleanup().catch(() => undefined);
    for (const group of this.groups) await group.stopAll();
    await this.postgres?.stop().catch(() => undefined);
    // A failure keeps the logs to look at; a success or a Ctrl-C cleans up.
    if (this.workDir && !this.keepWork && code !== 1) fs.rmSync(this.workDir, { recursive: true, force: true });
    else if (this.workDir) console.error(`${this.name}: logs and data kept in ${this.workDir}`);
    print?.();
    process.exit(code);
  }

  async fail(error: unknown): Promise<void> {
    if (this.finishing) return;
    console.error(`\n${this.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await this.finish(1);
  }
}
