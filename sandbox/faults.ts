// Fault injection for resilience tests: the next N REST calls (optionally only under a path
// prefix) are delayed and/or fail with 500/429/503. Faults are consumed oldest first; the
// control API validates what it is given and rejects anything else with 422.
import { field } from "./http";

export interface RestFault {
  status: 500 | 429 | 503 | null;
  remaining: number;
  path_prefix: string | null;
  delay_ms: number;
}

export type FaultRequest = { rest?: RestFault; ws: "drop" | "skip_sequence" | null };

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
    if (key !== "rest" && key !== "ws") return `${key}: unknown fault kind (expected rest or ws)`;
  }
  const rest = field(body, "rest");
  const ws = field(body, "ws");
  if (rest === undefined && ws === undefined) return "body: expected rest and/or ws";
  if (ws !== undefined && ws !== "drop" && ws !== "skip_sequence") return 'ws: must be "drop" or "skip_sequence"';

  let fault: RestFault | undefined;
  if (rest !== undefined) {
    if (!isObject(rest)) return "rest: must be an object";
    for (const key of Object.keys(rest)) {
      if (!["status", "count", "path_prefix", "delay_ms"].includes(key)) return `rest.${key}: unknown field`;
    }
    const status = field(rest, "status");
    const count = field(rest, "count");
    const prefix = field(rest, "path_prefix");
    const delay = field(rest, "delay_ms");
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
    if (status === undefined && delay === undefined) return "rest: needs a status and/or delay_ms";
    fault = {
      status: (status as RestFault["status"] | undefined) ?? null,
      remaining: (count as number | undefined) ?? 1,
      path_prefix: (prefix as string | undefined) ?? null,
      delay_ms: (delay as number | undefined) ?? 0,
    };
  }
  return { ...(fault ? { rest: fault } : {}), ws: ws === "drop" || ws === "skip_sequence" ? ws : null };
}

export class Faults {
  private rest: RestFault[] = [];

  add(fault: RestFault): void {
    this.rest.push(fault);
  }

  /** Consumes one use of the oldest fault matching this path, if any. */
  take(path: string): RestFault | undefined {
    const i = this.rest.findIndex((f) => f.path_prefix === null || path.startsWith(f.path_prefix));
    const f = this.rest[i];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.rest.splice(i, 1);
    return f;
  }

  pending(): RestFault[] {
    return this.rest.map((f) => ({ ...f }));
  }

  clear(): void {
    this.rest = [];
  }
}
