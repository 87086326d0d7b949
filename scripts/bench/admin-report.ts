/** The tables and the BENCH line of `npm run bench:admin`. */
import os from "node:os";
import type { DatabaseKind } from "./admin-options";
import type { HeadlineKey, Scenario } from "./admin-scenarios";
import type { SeedResult } from "./admin-seed";

export type DatabaseResult =
  | { kind: DatabaseKind; label: string; seed: SeedResult; timings: Map<string, number[]> }
  | { kind: DatabaseKind; label: string; skipped: string };

/** The product's target: every page of the back office under this at p95, on PGlite. */
export const TARGET_P95_MS = 300;

/** Nearest-rank percentile: a value that was actually measured, never an interpolation. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const ms = (value: number) => value.toFixed(1).padStart(7);

export function renderDatabase(result: DatabaseResult, scenarios: Scenario[]): string[] {
  if ("skipped" in result) return [`${result.label}: skipped (${result.skipped})`];
  const { seed } = result;
  const nameWidth = Math.max(...scenarios.map((scenario) => scenario.name.length));
  const lines = [
    `${result.label}: ${seed.users.toLocaleString("en-US")} users and ${seed.events.toLocaleString("en-US")} events seeded in ${seed.seconds.toFixed(1)} s`,
    `  ${"scenario".padEnd(nameWidth)}   p50 ms   p95 ms   max ms  n   page`,
  ];
  for (const scenario of scenarios) {
    const values = result.timings.get(scenario.name) ?? [];
    lines.push(
      `  ${scenario.name.padEnd(nameWidth)}  ${ms(percentile(values, 50))}  ${ms(percentile(values, 95))}  ${ms(Math.max(...values))}  ${String(values.length).padEnd(3)} ${scenario.path}`,
    );
  }
  if (result.kind === "pglite") {
    const slow = scenarios.filter(
      (scenario) => percentile(result.timings.get(scenario.name) ?? [], 95) >= TARGET_P95_MS,
    );
    lines.push(
      slow.length === 0
        ? `  target (every page under ${TARGET_P95_MS} ms at p95 on PGlite): met`
        : `  target (every page under ${TARGET_P95_MS} ms at p95 on PGlite): MISSED by ${slow.map((scenario) => scenario.name).join(", ")}`,
    );
  }
  return lines;
}

export function machineLine(loadAtStart: number): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? "unknown CPU";
  const load = (value: number) => value.toFixed(2);
  return (
    `machine: ${cpus.length} cores (${model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `${os.platform()} ${os.arch()}; load average ${load(loadAtStart)} at start, ${load(os.loadavg()[0] ?? 0)} at end`
  );
}

/** The last line: p95 of the four headline pages on the first database measured (PGlite by default). */
export function benchLine(users: number, result: DatabaseResult | undefined, scenarios: Scenario[]): string {
  const p95 = (key: HeadlineKey) => {
    const scenario = scenarios.find((candidate) => candidate.headline === key);
    const values = result && "timings" in result && scenario ? (result.timings.get(scenario.name) ?? []) : [];
    return values.length > 0 ? percentile(values, 95).toFixed(1) : "NaN";
  };
  const database = result && result.kind !== "pglite" ? ` database=${result.kind}` : "";
  return `BENCH admin users=${users} list_p95_ms=${p95("list")} filter_p95_ms=${p95("filter")} search_p95_ms=${p95("search")} detail_p95_ms=${p95("detail")}${database}`;
}
