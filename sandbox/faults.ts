// Fault injection for resilience tests: the next N REST calls (optionally only under a path
// prefix) are delayed and/or fail with 500/429/503. Faults are consumed oldest first; the
// control API validates what it is given and rejects anything else with 422.
// A fault with a `rate` is standing instead (a soak's "10% of calls fail"): each matching call
// draws once, and the rates of the standing faults add up, so three faults of rate 1/30 with
// different statuses fail 10% of calls, a third each. It lasts until cleared (or `count` uses).
import { field } from "./http";

export interface RestFault {
  status: 500 | 429 | 503 | null;
  /** Uses left; null = a standing fault without `count`, until cleared. */
  remaining: number | null;
  path_prefix: string | null;
  delay_ms: number;
  /** Probability that a matching call uses this fault (0 < rate <= 1); null = every call. */
  rate: number | null;
}

/** What fault injection did since the sandbox started (or was reset). */
export interface FaultStats {
  /** REST calls that reached fault injection (every authenticated-or-not sFOX path call). */
  rest_calls: number;
  /** Calls answered with an injected status, by status. */
  failed: Record<"500" | "429" | "503", number>;
  delayed: number;
}

export type FaultRequest = { rest?: RestFault; ws: "drop" | "skip_sequence" | null; downMs: number };

const STATUSES = [500, 429, 503] as const;
const MAX_COUNT = 100_000;
const MAX_DELAY_MS = 120_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function intIn(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

/** Parses `POST /_sandbox/faults`; returns an error message for nonsense. */
export function parseFaultRequest(body: Record<string, unknown>): FaultRequest | string {
  for (const key of Object.keys(body)) {
    if (key !== "rest" && key !== "ws" && key !== "down_ms") return `${key}: unknown fault kind (expected rest or ws)`;
  }
  const rest = field(body, "rest");
  const ws = field(body, "ws");
  const downMs = field(body, "down_ms");
  if (rest === undefined && ws === undefined) return "body: expected rest and/or ws";
  if (ws !== undefined && ws !== "drop" && ws !== "skip_sequence") return 'ws: must be "drop" or "skip_sequence"';
  if (downMs !== undefined && (ws !== "drop" || !intIn(downMs, 0, MAX_DELAY_MS))) {
    return `down_ms: goes with ws "drop", an integer from 0 to ${MAX_DELAY_MS}`;
  }

  let fault: RestFault | undefined;
  if (rest !== undefined) {
    if (!isObject(rest)) return "rest: must be an object";
    for (const key of Object.keys(rest)) {
      if (!["status", "count", "path_prefix", "delay_ms", "rate"].includes(key)) return `rest.${key}: unknown field`;
    }
    const status = field(rest, "status");
    const count = field(rest, "count");
    const prefix = field(rest, "path_prefix");
    const delay = field(rest, "delay_ms");
    const rate = field(rest, "rate");
    if (status !== undefined && !(STATUSES as readonly unknown[]).includes(status)) {
      return "rest.status: must be 500, 429 or 503";
    }
    if (count !== undefined && !intIn(count, 1, MAX_COUNT))
      return `rest.count: must be an integer from 1 to ${MAX_COUNT}`;
    if (
      prefix !== undefined &&
      (typeof prefix !== "string" || !prefix.startsWith("/") || prefix.length > 200)
    ) {
      return 'rest.path_prefix: must be a path starting with "/"';
    }
    if (delay !== undefined && !intIn(delay, 0, MAX_DELAY_MS)) {
      return `rest.delay_ms: must be an integer from 0 to ${MAX_DELAY_MS}`;
    }
    if (rate !== undefined && !(typeof rate === "number" && rate > 0 && rate <= 1)) {
      return "rest.rate: must be a number above 0 and at most 1";
    }
    if (status === undefined && delay === undefined) return "rest: needs a status and/or delay_ms";
    fault = {
      status: (status as RestFault["status"] | undefined) ?? null,
      remaining: (count as number | undefined) ?? (rate === undefined ? 1 : null),
      path_prefix: (prefix as string | undefined) ?? null,
      delay_ms: (delay as number | undefined) ?? 0,
      rate: (rate as number | undefined) ?? null,
    };
  }
  return {
    ...(fault ? { rest: fault } : {}),
    ws: ws === "drop" || ws === "skip_sequence" ? ws : null,
    downMs: (downMs as number | undefined) ?? 0,
  };
}

export class Faults {
  private rest: RestFault[] = [];
  private counts: FaultStats = newStats();

  constructor(private readonly random: () => number = Math.random) {}

  add(fault: RestFault): void {
    this.rest.push(fault);
  }

  /**
   * Called once per REST call: consumes one use of the oldest fault matching this path that
   * applies (a counted fault always does; standing faults share one draw), if any.
   */
  take(path: string): RestFault | undefined {
    this.counts.rest_calls += 1;
    const draw = this.random();
    let threshold = 0;
    const i = this.rest.findIndex((f) => {
      if (f.path_prefix !== null && !path.startsWith(f.path_prefix)) return false;
      if (f.rate === null) return true;
      threshold += f.rate;
      return draw < threshold;
    });
    const f = this.rest[i];
    if (!f) return undefined;
    if (f.remaining !== null) {
      f.remaining -= 1;
      if (f.remaining <= 0) this.rest.splice(i, 1);
    }
    if (f.status !== null) this.counts.failed[f.status] += 1;
    if (f.delay_ms > 0) this.counts.delayed += 1;
    return f;
  }

  stats(): FaultStats {
    return { ...this.counts, failed: { ...this.counts.failed } };
  }

  resetStats(): void {
    this.counts = newStats();
  }

  pending(): RestFault[] {
    return this.rest.map((f) => ({ ...f }));
  }

  clear(): void {
    this.rest = [];
  }
}

function newStats(): FaultStats {
  return { rest_calls: 0, failed: { "500": 0, "429": 0, "503": 0 }, delayed: 0 };
}
