import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { WORKER_SEMI_SPACE_MB, startWithFullYoungGeneration } from "./worker-young-generation";

// A thread that reports the size of its own young generation (V8's new space) and stops.
const REPORT_NEW_SPACE = `
  const v8 = require("node:v8");
  const { parentPort } = require("node:worker_threads");
  parentPort.postMessage(v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size);
`;

function newSpaceBytes(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  }).finally(() => worker.terminate()) as Promise<number>;
}

const MB = 1024 * 1024;

describe("the database thread's young generation", () => {
  it("starts at full size for the thread started through it", async () => {
    const size = await newSpaceBytes(startWithFullYoungGeneration(() => new Worker(REPORT_NEW_SPACE, { eval: true })));
    expect(size).toBeGreaterThanOrEqual(WORKER_SEMI_SPACE_MB * MB);
  });

  it("leaves threads started afterwards with V8's default", async () => {
    const tuned = startWithFullYoungGeneration(() => new Worker(REPORT_NEW_SPACE, { eval: true }));
    await newSpaceBytes(tuned);
    const later = await newSpaceBytes(new Worker(REPORT_NEW_SPACE, { eval: true }));
    expect(later).toBeLessThan(WORKER_SEMI_SPACE_MB * MB);
  });
});
