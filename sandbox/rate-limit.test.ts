// The per-IP REST rate limit and its block (sFOX main-API rule, scaled down for the test).
import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";
import { call, get, sleep, start } from "./test-helpers";

describe("rate limit over HTTP", () => {
  it("answers 429 with Retry-After past the limit, blocks the IP, and spares the control API", async () => {
    const s = await start({ rateLimit: 5, rateWindowMs: 10_000, rateBlockMs: 300 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await get(s, "/v1/enterprise/users")).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const over = await get(s, "/v1/enterprise/users");
      expect(over.status).toBe(429);
      expect(typeof over.json.error).toBe("string");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      // Every REST call counts, even unauthenticated ones, and the block holds.
      expect((await get(s, "/v1/enterprise/users", { key: "wrong" })).status).toBe(429);
      expect((await call(s, "GET", "/_sandbox/health", { key: null })).status).toBe(200);
      await sleep(350);
      // Block over, but the window (10 s) still holds 5 requests: the next one blocks again.
      expect((await get(s, "/v1/enterprise/users")).status).toBe(429);
    } finally {
      await s.close();
    }
  });
});

describe("RateLimiter", () => {
  it("slides its window and blocks for blockMs", () => {
    const rl = new RateLimiter({ rateLimit: 3, rateWindowMs: 1000, rateBlockMs: 5000 });
    const t0 = 1_000_000;
    expect(rl.check("a", t0).ok).toBe(true);
    expect(rl.check("a", t0 + 100).ok).toBe(true);
    expect(rl.check("a", t0 + 200).ok).toBe(true);
    // Another IP is unaffected.
    expect(rl.check("b", t0 + 200).ok).toBe(true);
    const refused = rl.check("a", t0 + 300);
    expect(refused).toEqual({ ok: false, retryAfterS: 5 });
    // Still blocked after the window slid, until the block ends.
    expect(rl.check("a", t0 + 2000).ok).toBe(false);
    expect(rl.check("a", t0 + 5301).ok).toBe(true);
  });

  it("without a block only the window applies", () => {
    const rl = new RateLimiter({ rateLimit: 2, rateWindowMs: 1000, rateBlockMs: 0 });
    expect(rl.check("a", 0).ok).toBe(true);
    expect(rl.check("a", 10).ok).toBe(true);
    expect(rl.check("a", 20).ok).toBe(false);
    expect(rl.check("a", 1001).ok).toBe(true);
  });
});
