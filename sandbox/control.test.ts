// The control API under /_sandbox: health, outbox, decisions, balances, faults, reset, and the
// loopback-only rule.
import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback } from "./control";
import type { SandboxHandle } from "./server";
import { call, corporation, get, individual, post, register, start, waitFor, WsClient } from "./test-helpers";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

const ctl = (s: SandboxHandle, method: string, path: string, body?: unknown) =>
  call(s, method, `/_sandbox${path}`, { key: null, body });

describe("health", () => {
  it("answers ok with user count and WebSocket counts, without auth", async () => {
    const s = await start();
    try {
      await register(s, individual());
      const ws = await WsClient.open(s.wsUrl);
      await ws.ready();
      const r = await ctl(s, "GET", "/health");
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        ok: true,
        users: 1,
        ws: { connections: 1, authenticated: 1, subscribed: 1 },
      });
      ws.close();
      await waitFor(async () =>
        (await ctl(s, "GET", "/health")).json.ws.connections === 0 ? true : undefined,
      );
    } finally {
      await s.close();
    }
  });

  it("answers 404 / 405 like the REST side", async () => {
    expect((await ctl(sb, "GET", "/nothing")).status).toBe(404);
    expect((await ctl(sb, "POST", "/health", {})).status).toBe(405);
  });
});

describe("outbox", () => {
  it("lists sent codes oldest first, optionally for one user", async () => {
    const s = await start();
    try {
      const a = individual();
      const b = corporation();
      await register(s, a);
      await register(s, b);
      await post(s, `/v1/enterprise/users/send-verification/${a.user_id}`, { type: "email" });
      await post(s, `/v1/enterprise/users/send-verification/${b.user_id}`, { type: "email" });
      await post(s, `/v1/enterprise/users/send-verification/${a.user_id}`, { type: "email" });
      const all = await ctl(s, "GET", "/outbox");
      expect(all.json.data.map((e: { user_id: string }) => e.user_id)).toEqual([
        a.user_id,
        b.user_id,
        a.user_id,
      ]);
      for (const e of all.json.data) {
        expect(Object.keys(e)).toEqual(["user_id", "type", "to", "code", "sent_at"]);
      }
      const onlyA = await ctl(s, "GET", `/outbox?user_id=${a.user_id}`);
      expect(onlyA.json.data).toHaveLength(2);
      expect((await ctl(s, "GET", "/outbox?user_id=nobody")).json).toEqual({ data: [] });
    } finally {
      await s.close();
    }
  });
});

describe("decision", () => {
  it("sets the status, sends a feed event and returns the user", async () => {
    const ws = await WsClient.open(sb.wsUrl);
    try {
      await ws.ready();
      const p = individual();
      await register(sb, p);
      const r = await ctl(sb, "POST", `/users/${p.user_id}/decision`, { status: "VERIFIED" });
      expect(r.status).toBe(200);
      expect(r.json.data).toMatchObject({ user_id: p.user_id, status: "VERIFIED", account_role: "Client" });
      const events = await waitFor(() => (ws.feed().length >= 2 ? ws.feed() : undefined));
      expect(events[1].payload.status).toBe("VERIFIED");
      expect((await get(sb, `/v1/enterprise/users/${p.user_id}`)).json.data.status).toBe("VERIFIED");
    } finally {
      ws.close();
    }
  });

  it("answers 404 for an unknown user and 422 for a bad status", async () => {
    expect((await ctl(sb, "POST", "/users/nobody/decision", { status: "VERIFIED" })).status).toBe(404);
    const p = individual();
    await register(sb, p);
    for (const body of [{ status: "verified" }, { status: "APPROVED" }, {}, { status: 1 }]) {
      const r = await ctl(sb, "POST", `/users/${p.user_id}/decision`, body);
      expect(r.status).toBe(422);
      expect(r.json.error).toMatch(/^status: /);
    }
  });
});

describe("balances", () => {
  it("validates its body", async () => {
    expect((await ctl(sb, "POST", "/users/nobody/balances", { nonzero: true })).status).toBe(404);
    const p = individual();
    await register(sb, p);
    const bad = await ctl(sb, "POST", `/users/${p.user_id}/balances`, { nonzero: "yes" });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatch(/^nonzero: /);
  });
});

describe("faults", () => {
  it("fails the next N REST calls with the given status, then recovers", async () => {
    const r = await ctl(sb, "POST", "/faults", { rest: { status: 503, count: 2 } });
    expect(r.status).toBe(200);
    const one = await get(sb, "/v1/enterprise/users");
    const two = await get(sb, "/v1/enterprise/users");
    const three = await get(sb, "/v1/enterprise/users");
    expect([one.status, two.status, three.status]).toEqual([503, 503, 200]);
    expect(typeof one.json.error).toBe("string");
    // The control API itself is never faulted.
    expect((await ctl(sb, "GET", "/health")).status).toBe(200);
  });

  it.each([500, 429])("injects %i", async (status) => {
    await ctl(sb, "POST", "/faults", { rest: { status, count: 1 } });
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(status);
  });

  it("only matches calls under path_prefix", async () => {
    await ctl(sb, "POST", "/faults", {
      rest: { status: 500, count: 1, path_prefix: "/v1/enterprise/register-account" },
    });
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(200);
    expect((await post(sb, "/v1/enterprise/register-account", individual())).status).toBe(500);
    expect((await post(sb, "/v1/enterprise/register-account", individual())).status).toBe(202);
  });

  it("delays calls, with or without a status", async () => {
    await ctl(sb, "POST", "/faults", { rest: { delay_ms: 150, count: 1 } });
    let t = Date.now();
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);

    await ctl(sb, "POST", "/faults", { rest: { status: 503, delay_ms: 100, count: 1 } });
    t = Date.now();
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(503);
    expect(Date.now() - t).toBeGreaterThanOrEqual(90);
  });

  it("DELETE clears pending faults", async () => {
    await ctl(sb, "POST", "/faults", { rest: { status: 500, count: 10 } });
    expect((await ctl(sb, "GET", "/faults")).json.pending).toHaveLength(1);
    expect((await ctl(sb, "DELETE", "/faults")).status).toBe(200);
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(200);
  });

  it("fails a share of calls with a standing fault until cleared, and counts what it injected", async () => {
    const s = await start();
    try {
      await ctl(s, "POST", "/faults", { rest: { status: 503, rate: 0.5 } });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await get(s, "/v1/enterprise/users")).status);
      const failed = statuses.filter((status) => status === 503).length;
      // 100 expected; outside 60-140 happens with a probability of about 1e-8.
      expect(failed).toBeGreaterThan(60);
      expect(failed).toBeLessThan(140);
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      const listed = await ctl(s, "GET", "/faults");
      expect(listed.json.pending).toEqual([{ status: 503, remaining: null, path_prefix: null, delay_ms: 0, rate: 0.5 }]);
      expect(listed.json.stats).toEqual({ rest_calls: 200, failed: { "500": 0, "503": failed, "429": 0 }, delayed: 0 });
      await ctl(s, "DELETE", "/faults");
      for (let i = 0; i < 20; i++) expect((await get(s, "/v1/enterprise/users")).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("drops every WebSocket abruptly", async () => {
    const a = await WsClient.open(sb.wsUrl);
    const b = await WsClient.open(sb.wsUrl);
    await a.ready();
    const codes: number[] = [];
    a.ws.on("close", (code) => codes.push(code));
    const r = await ctl(sb, "POST", "/faults", { ws: "drop" });
    expect(r.status).toBe(200);
    expect(r.json.ws_dropped).toBeGreaterThanOrEqual(2);
    await waitFor(() => (a.closed && b.closed ? true : undefined));
    // 1006 = closed without a close frame.
    expect(codes).toEqual([1006]);
  });

  it("keeps the feed down for down_ms after a drop: upgrades are refused with 503, then accepted", async () => {
    const client = await WsClient.open(sb.wsUrl);
    await client.ready();
    const r = await ctl(sb, "POST", "/faults", { ws: "drop", down_ms: 400 });
    expect(r.status).toBe(200);
    await waitFor(() => (client.closed ? true : undefined));
    await expect(WsClient.open(sb.wsUrl)).rejects.toThrow(/503/);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const again = await WsClient.open(sb.wsUrl);
    await again.ready();
    again.close();
  });

  it("makes every connection skip one sequence number, as a lost message would", async () => {
    const client = await WsClient.open(sb.wsUrl);
    await client.ready();
    const r = await ctl(sb, "POST", "/faults", { ws: "skip_sequence" });
    expect(r.status).toBe(200);
    expect(r.json.ws_skipped).toBeGreaterThanOrEqual(1);
    const before = client.messages.at(-1).sequence as number;
    await register(sb, individual());
    const event = await waitFor(() => client.feed().at(-1));
    expect(event.sequence).toBe(before + 2);
    client.close();
  });

  it.each([
    [{}],
    [{ rest: { status: 404, count: 1 } }],
    [{ rest: { count: 1 } }],
    [{ rest: { status: 500, count: 0 } }],
    [{ rest: { status: 500, count: 1.5 } }],
    [{ rest: { status: 500, path_prefix: "v1" } }],
    [{ rest: { delay_ms: -1 } }],
    [{ rest: { status: 500, rate: 0 } }],
    [{ rest: { status: 500, rate: 2 } }],
    [{ rest: { status: 500, colour: "red" } }],
    [{ rest: "boom" }],
    [{ ws: "close" }],
    [{ ws: "skip_sequence", down_ms: 100 }],
    [{ ws: "drop", down_ms: -1 }],
    [{ db: "drop" }],
  ])("refuses nonsense with 422: %j", async (body) => {
    const r = await ctl(sb, "POST", "/faults", body);
    expect(r.status).toBe(422);
    expect(typeof r.json.error).toBe("string");
  });
});

describe("reset", () => {
  it("forgets users, outbox, codes, faults and rate-limit counters", async () => {
    const s = await start({ rateLimit: 5, rateBlockMs: 60_000 });
    try {
      const p = individual();
      await register(s, p);
      await post(s, `/v1/enterprise/users/send-verification/${p.user_id}`, { type: "email" });
      await ctl(s, "POST", "/faults", {
        rest: { status: 500, count: 100, path_prefix: "/v1/enterprise/user-tokens" },
      });
      for (let i = 0; i < 5; i++) await get(s, "/v1/enterprise/users");
      expect((await get(s, "/v1/enterprise/users")).status).toBe(429);

      const r = await ctl(s, "POST", "/reset");
      expect(r.status).toBe(200);
      expect((await ctl(s, "GET", "/faults")).json.stats.rest_calls).toBe(0);
      expect((await get(s, "/v1/enterprise/users")).json).toEqual({ data: [] });
      expect((await ctl(s, "GET", "/outbox")).json).toEqual({ data: [] });
      expect((await ctl(s, "GET", "/health")).json.users).toBe(0);
      expect((await ctl(s, "GET", "/faults")).json.pending).toEqual([]);
      // The same user_id can be registered again.
      expect((await post(s, "/v1/enterprise/register-account", p)).status).toBe(202);
    } finally {
      await s.close();
    }
  });
});

describe("loopback only", () => {
  it("recognises loopback addresses", () => {
    const req = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;
    expect(isLoopback(req("127.0.0.1"))).toBe(true);
    expect(isLoopback(req("127.8.9.10"))).toBe(true);
    expect(isLoopback(req("::1"))).toBe(true);
    expect(isLoopback(req("::ffff:127.0.0.1"))).toBe(true);
    expect(isLoopback(req("10.0.0.5"))).toBe(false);
    expect(isLoopback(req("::ffff:192.168.1.2"))).toBe(false);
    expect(isLoopback(req("fe80::1"))).toBe(false);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it.skipIf(!external)("refuses a non-loopback client with 403 (REST still answers)", async () => {
    const s = await start({ host: "0.0.0.0" });
    try {
      const base = `http://${external}:${s.port}`;
      const r = await fetch(`${base}/_sandbox/health`);
      expect(r.status).toBe(403);
      expect(typeof ((await r.json()) as { error: unknown }).error).toBe("string");
      const rest = await fetch(`${base}/v1/enterprise/users`, {
        headers: { authorization: "Bearer test-key" },
      });
      expect(rest.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
