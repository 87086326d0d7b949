import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import { startWithFullYoungGeneration } from "./worker-young-generation";

type RowMode = "array" | "object";

export interface WorkerQueryResult {
  rows: unknown[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

/** What the main thread asks the database's thread (./pglite-worker-thread.ts). */
export type PgliteWorkerRequest =
  | { op: "query"; sql: string; params: unknown[]; rowMode: RowMode; transaction?: number }
  | { op: "begin" }
  | { op: "commit" | "rollback"; transaction: number }
  | { op: "close" };

export type PgliteWorkerReply = { ready: true } | { id: number; result?: unknown; error?: SerializedError };
export type SerializedError = Record<string, unknown> & { message: string; name?: string; stack?: string };

// Resolved from the project root like the migrations folder: the file is loaded by Node as it is,
// never bundled (see the file itself).
const workerFile = path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "db", "pglite-worker.mjs");

/**
 * The thread's flags. Not the parent's own: those load TypeScript and a benchmark's probe into the
 * main thread (the entry loads TypeScript itself), and Node refuses process-wide ones in a worker.
 * The profilers' flags are passed on, so profiling the app profiles its database too.
 */
function workerExecArgv(): string[] {
  return process.execArgv.filter((flag) => /^--(cpu|heap)-prof/.test(flag));
}

/**
 * The embedded PGlite database, running in its own worker thread, behind the part of PGlite's
 * client interface that drizzle's PGlite driver uses (`query`, `transaction`). Queries, their
 * parsing and their results cost the main thread a message each way, so the event loop that
 * serves every stream is never blocked by the database's WebAssembly.
 */
export class PgliteWorkerClient {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: PgliteWorkerReply) => this.settle(reply));
    worker.on("error", (error) => {
      log.error("database_thread_failed", { error: error.message });
      this.fail(error);
    });
    this.exited = new Promise((resolve) =>
      worker.once("exit", (code) => {
        if (!this.closing) log.error("database_thread_stopped", { exitCode: code });
        this.fail(new Error(`The embedded database has stopped (worker exit code ${code}).`));
        resolve();
      }),
    );
    // Only pending requests keep the process alive, as an in-process database would.
    worker.unref();
  }

  /** Starts the worker and waits until the database in `directory` is open. */
  static async open(directory: string): Promise<PgliteWorkerClient> {
    const worker = startWithFullYoungGeneration(() => new Worker(workerFile, { workerData: { directory }, execArgv: workerExecArgv() }));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: PgliteWorkerReply) => {
        if ("ready" in reply) {
          cleanup();
          resolve();
        }
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number) => onError(new Error(`The embedded database did not start (worker exit code ${code}).`));
      const cleanup = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
    return new PgliteWorkerClient(worker);
  }

  query(sql: string, params: unknown[] = [], options: { rowMode?: RowMode } = {}): Promise<WorkerQueryResult> {
    return this.request({ op: "query", sql, params, rowMode: options.rowMode ?? "object" }) as Promise<WorkerQueryResult>;
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (tx: PgliteWorkerTransaction) => Promise<T>): Promise<T> {
    const transaction = (await this.request({ op: "begin" })) as number;
    let result: T;
    try {
      result = await work(new PgliteWorkerTransaction(this, transaction));
    } catch (error) {
      await this.request({ op: "rollback", transaction }).catch(() => undefined);
      throw error;
    }
    await this.request({ op: "commit", transaction });
    return result;
  }

  async close(): Promise<void> {
    if (this.failure) return;
    this.closing = true;
    // Until the thread has gone, it is what keeps a process that has nothing else to do alive: a
    // script that closes the database and then carries on must not end in between.
    this.worker.ref();
    await this.request({ op: "close" });
    await this.exited;
  }

  /** @internal */
  request(request: PgliteWorkerRequest): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private settle(reply: PgliteWorkerReply): void {
    if ("ready" in reply) return;
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (reply.error) waiter.reject(deserializeError(reply.error));
    else waiter.resolve(reply.result);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** The client handed to a transaction's work: the same queries, inside that transaction. */
export class PgliteWorkerTransaction {
  constructor(
    private readonly client: PgliteWorkerClient,
    private readonly id: number,
  ) {}

  query(sql: string, params: unknown[] = [], options: { rowMode?: RowMode } = {}): Promise<WorkerQueryResult> {
    return this.client.request({
      op: "query",
      sql,
      params,
      rowMode: options.rowMode ?? "object",
      transaction: this.id,
    }) as Promise<WorkerQueryResult>;
  }

  // Drizzle nests transactions as savepoints on the same client; PGlite's own transaction client
  // refuses a nested transaction too.
  transaction(): never {
    throw new Error("Nested transactions are savepoints; drizzle issues them as queries.");
  }
}

/** A PostgreSQL error from the worker, with its fields (code, detail, constraint...) back on it. */
function deserializeError(serialized: SerializedError): Error {
  const { message, name, stack, ...fields } = serialized;
  const error = Object.assign(new Error(message), fields);
  if (name) error.name = name;
  if (stack) error.stack = `${stack}\n    (in the embedded database's worker thread)`;
  return error;
}
