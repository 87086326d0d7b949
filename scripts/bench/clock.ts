/**
 * The one clock of the benchmark: CLOCK_MONOTONIC through process.hrtime, in milliseconds with
 * sub-millisecond precision. On Linux every process of the host reads the same monotonic clock,
 * so a time taken by the orchestrator (a decision posted) and one taken by a load generator (an
 * event parsed) can be subtracted. Wall-clock time (Date.now) is never used for latency.
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
