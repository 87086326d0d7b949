// Fault injection's bookkeeping: counted faults, standing faults with a rate (one draw per call,
// rates adding up), and the counts of what was injected.
import { describe, expect, it } from "vitest";
import { Faults, parseFaultRequest, type RestFault } from "./faults";

function fault(body: Record<string, unknown>): RestFault {
  const parsed = parseFaultRequest({ rest: body });
  if (typeof parsed === "string" || !parsed.rest) throw new Error(`refused: ${String(parsed)}`);
  return parsed.rest;
}

/** Faults whose draws are the given numbers, in order. */
function withDraws(draws: number[]): Faults {
  return new Faults(() => {
    const next = draws.shift();
    if (next === undefined) throw new Error("no draw left");
    return next;
  });
}

describe("standing faults", () => {
  it("share one draw per call, their rates adding up in the order they were added", () => {
    const faults = withDraws([0.05, 0.15, 0.25, 0.35, 0.299]);
    faults.add(fault({ status: 500, rate: 0.1 }));
    faults.add(fault({ status: 503, rate: 0.1 }));
    faults.add(fault({ status: 429, rate: 0.1 }));
    const statuses = [1, 2, 3, 4, 5].map(() => faults.take("/v1/enterprise/users")?.status ?? null);
    expect(statuses).toEqual([500, 503, 429, null, 429]);
    expect(faults.stats()).toEqual({ rest_calls: 5, failed: { "500": 1, "503": 1, "429": 2 }, delayed: 0 });
    // Still there: a standing fault is not used up.
    expect(faults.pending()).toHaveLength(3);
  });

  it("only draw for calls under their path_prefix", () => {
    const faults = withDraws([0, 0]);
    faults.add(fault({ status: 503, rate: 1, path_prefix: "/v1/enterprise/register-account" }));
    expect(faults.take("/v1/enterprise/users")).toBeUndefined();
    expect(faults.take("/v1/enterprise/register-account")?.status).toBe(503);
  });

  it("with a count, stop after that many uses", () => {
    const faults = withDraws([0, 0, 0]);
    faults.add(fault({ status: 500, rate: 1, count: 2 }));
    expect([1, 2, 3].map(() => faults.take("/v1/enterprise/users")?.status ?? null)).toEqual([500, 500, null]);
    expect(faults.pending()).toEqual([]);
  });

  it("let a counted fault behind them apply when the draw misses them", () => {
    const faults = withDraws([0.9]);
    faults.add(fault({ status: 500, rate: 0.1 }));
    faults.add(fault({ status: 503, count: 1 }));
    expect(faults.take("/v1/enterprise/users")?.status).toBe(503);
  });

  it("are cleared like the others; resetStats forgets the counts", () => {
    const faults = withDraws([0, 0]);
    faults.add(fault({ status: 500, rate: 1 }));
    faults.add(fault({ delay_ms: 5, count: 1 }));
    expect(faults.take("/v1/x")?.status).toBe(500);
    faults.clear();
    expect(faults.take("/v1/x")).toBeUndefined();
    expect(faults.stats()).toEqual({ rest_calls: 2, failed: { "500": 1, "503": 0, "429": 0 }, delayed: 0 });
    faults.resetStats();
    expect(faults.stats().rest_calls).toBe(0);
  });
});

describe("parseFaultRequest", () => {
  it("refuses a rate outside (0, 1]", () => {
    for (const rate of [0, -0.1, 1.5, "0.1", null]) {
      expect(parseFaultRequest({ rest: { status: 500, rate } })).toMatch(/^rest\.rate: /);
    }
  });

  it("keeps a counted fault's default of one use, and a standing one's of no limit", () => {
    expect(fault({ status: 500 }).remaining).toBe(1);
    expect(fault({ status: 500, rate: 0.5 }).remaining).toBeNull();
  });
});
