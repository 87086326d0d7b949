import "server-only";
import v8 from "node:v8";
import type { Worker } from "node:worker_threads";

/** The semi-space size, in MB, the database's thread starts with (V8's largest by default). */
export const WORKER_SEMI_SPACE_MB = 16;

/**
 * Starts a worker whose young generation is at full size from the start, for the database's thread.
 *
 * Every query allocates tens of KB of short-lived objects in that thread (protocol messages, result
 * rows). From V8's default start of 1 MB, grown only as objects survive, the thread scavenged about
 * once a second at 100 writes/s, promoted objects that were still in flight, and ran a mark-compact
 * every few seconds; each pause delayed the event being written, and so every delivery of it
 * (bench:sse, burst at 10,000 clients: p99 13-22 ms before, 10-11 ms with this; scavenges every ~3 s).
 *
 * V8 reads the flag when an isolate is created and a worker cannot be given V8 flags of its own, so
 * it is set process-wide while the thread's isolate is made and put back once the thread runs:
 * threads started later (and the main thread) keep V8's defaults.
 */
export function startWithFullYoungGeneration(start: () => Worker): Worker {
  v8.setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    restoreDefault();
    throw error;
  }
  worker.once("online", restoreDefault);
  worker.once("error", restoreDefault);
  return worker;
}

function restoreDefault(): void {
  v8.setFlagsFromString("--min-semi-space-size=0");
}
