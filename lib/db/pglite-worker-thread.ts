// The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every query runs
// on the CPU of the thread that owns it. Owned by the app's main thread, each feed write would stop
// every stream for its duration; here it costs the main thread a message each way.
// Its client is ./pglite-worker-client.ts; it is started through ./pglite-worker.mjs.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, types, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgliteWorkerRequest, PgliteWorkerReply, SerializedError } from "./pglite-worker-client";

// Drizzle keeps dates, timestamps and intervals as PostgreSQL's text and maps them itself. Its
// PGlite driver asks for that with parsers on every query, which cannot cross to this thread (and
// which PGlite would merge into its whole table of parsers, hundreds of types, each time: ~120 KB of
// garbage per query). So they are set once, on the instance. (The schema has no array of these
// types, whose parsers PGlite derives from the element's.)
const keepText = (value: string) => value;
const textTypes = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const keepAsText = Object.fromEntries(textTypes.map((oid) => [oid, keepText]));

const port = parentPort!;
const { directory } = workerData as { directory: string };
// PostgreSQL fills each new 16 MB WAL segment with zeros before its first write into it. With no
// server processes around it (PGlite runs PostgreSQL single-user), nothing prepares the next segment
// ahead of time: the write that crossed into it waited for those 16 MB (~45 ms on an idle machine,
// once every ~7,000 feed writes), and so did every stream waiting for that write. Unfilled, a new
// segment is a sparse file of the same size, which PostgreSQL fills as it writes.
const startParams = [...PGlite.defaultStartParams, "-c", "wal_init_zero=off"];
const database = await PGlite.create(directory, { extensions: { pg_trgm }, parsers: keepAsText, startParams });

interface OpenTransaction {
  tx: Transaction | null;
  commit(): void;
  rollback(reason: Error): void;
  finished: Promise<void>;
}

/** Open transactions by id: each stays open until its commit or rollback message. */
const transactions = new Map<number, OpenTransaction>();

port.on("message", (message: PgliteWorkerRequest & { id: number }) => {
  handle(message).then(
    (result) => port.postMessage({ id: message.id, result } satisfies PgliteWorkerReply),
    (error: unknown) => port.postMessage({ id: message.id, error: serializeError(error) } satisfies PgliteWorkerReply),
  );
});
port.postMessage({ ready: true } satisfies PgliteWorkerReply);

async function handle(message: PgliteWorkerRequest & { id: number }): Promise<unknown> {
  switch (message.op) {
    case "query": {
      const target = message.transaction === undefined ? database : transactions.get(message.transaction)?.tx;
      if (!target) throw new Error("The transaction has already ended.");
      const { rows, fields, affectedRows } = await target.query(message.sql, message.params, { rowMode: message.rowMode });
      return { rows, fields, affectedRows };
    }
    case "begin":
      return begin(message.id);
    case "commit":
    case "rollback":
      return end(message.transaction, message.op);
    case "close":
      await database.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

/** Opens a transaction that stays open until `end` settles it; answers once it is open. */
function begin(transactionId: number): Promise<number> {
  return new Promise((opened, failedToOpen) => {
    const entry: OpenTransaction = { tx: null, commit: () => {}, rollback: () => {}, finished: Promise.resolve() };
    entry.finished = database.transaction(async (tx) => {
      entry.tx = tx;
      const outcome = new Promise<void>((commit, rollback) => Object.assign(entry, { commit, rollback }));
      transactions.set(transactionId, entry);
      opened(transactionId);
      await outcome;
    });
    entry.finished.catch(failedToOpen);
    const forget = () => transactions.delete(transactionId);
    entry.finished.then(forget, forget);
  });
}

/** Commits or rolls back; answers once PGlite has, so a failed COMMIT reaches the caller. */
async function end(transactionId: number, op: "commit" | "rollback"): Promise<null> {
  const entry = transactions.get(transactionId);
  if (!entry) throw new Error("The transaction has already ended.");
  transactions.delete(transactionId);
  if (op === "commit") {
    entry.commit();
    await entry.finished;
    return null;
  }
  entry.rollback(new RollbackRequested());
  await entry.finished.catch((error: unknown) => {
    if (!(error instanceof RollbackRequested)) throw error;
  });
  return null;
}

class RollbackRequested extends Error {}

/** Errors cross threads as plain data; PostgreSQL's fields (code, detail, constraint...) with them. */
function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message, stack: error.stack };
}
