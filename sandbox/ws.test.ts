// WebSocket at /ws: authenticate, subscribe/unsubscribe, sequence numbers, exact 19-digit
// nanosecond timestamps, and the private.enterprise.users feed.
import { WebSocket } from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SandboxHandle } from "./server";
import {
  corporation,
  get,
  individual,
  KEY,
  post,
  register,
  sleep,
  start,
  verifyType,
  waitFor,
  WsClient,
} from "./test-helpers";

let sb: SandboxHandle;
const open: WsClient[] = [];
beforeAll(async () => {
  sb = await start({ reviewMs: 30 });
});
afterAll(async () => {
  await sb.close();
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function client(): Promise<WsClient> {
  const c = await WsClient.open(sb.wsUrl);
  open.push(c);
  return c;
}

/** The timestamp digits exactly as written in the raw JSON text. */
function rawTimestamp(text: string): string {
  const m = /"timestamp":(\d+)[,}]/.exec(text);
  if (!m?.[1]) throw new Error(`no integer timestamp in ${text}`);
  return m[1];
}

describe("authenticate", () => {
  it.each([
    ["boolean true", true],
    ['string "true"', "true"],
    ["missing", undefined],
  ])("succeeds with enterprise %s", async (_name, enterprise) => {
    const c = await client();
    const reply = await c.request({
      type: "authenticate",
      apiKey: KEY,
      ...(enterprise === undefined ? {} : { enterprise }),
    });
    expect(Object.keys(reply)).toEqual(["type", "sequence", "timestamp", "payload", "action"]);
    expect(reply).toMatchObject({
      type: "success",
      sequence: 1,
      payload: { action: "authenticate" },
      action: "authenticate",
    });
  });

  it("fails with a wrong key, keeps the socket open, and delivers no feed", async () => {
    const c = await client();
    const reply = await c.request({ type: "authenticate", apiKey: "wrong", enterprise: true });
    expect(reply).toMatchObject({
      type: "error",
      sequence: 1,
      payload: { action: "authenticate" },
      action: "authenticate",
    });
    const sub = await c.request({ type: "subscribe", feeds: ["private.enterprise.users"] });
    expect(sub.type).toBe("error");
    expect(sub.payload.action).toBe("subscribe");
    await register(sb, individual());
    await sleep(50);
    expect(c.feed()).toHaveLength(0);
    expect(c.closed).toBe(false);
  });

  it("fails with enterprise false", async () => {
    const c = await client();
    const reply = await c.request({ type: "authenticate", apiKey: KEY, enterprise: false });
    expect(reply.type).toBe("error");
  });
});

describe("subscribe / unsubscribe", () => {
  it("refuses private feeds before authentication and sends no feed", async () => {
    const c = await client();
    const sub = await c.request({ type: "subscribe", feeds: ["private.enterprise.users"] });
    expect(sub).toMatchObject({ type: "error", sequence: 1, payload: { action: "subscribe" } });
    await register(sb, individual());
    await sleep(50);
    expect(c.feed()).toHaveLength(0);
    expect(sb.wsStats().connections).toBeGreaterThanOrEqual(1);
  });

  it("replies with the cumulative feed list, and the remaining list on unsubscribe", async () => {
    const c = await client();
    await c.request({ type: "authenticate", apiKey: KEY, enterprise: "true" });
    const a = await c.request({ type: "subscribe", feeds: ["private.enterprise.users"] });
    expect(Object.keys(a)).toEqual(["type", "sequence", "timestamp", "payload"]);
    expect(a).toMatchObject({
      type: "success",
      sequence: 2,
      payload: { action: "subscribe", feeds: ["private.enterprise.users"] },
    });
    const b = await c.request({
      type: "subscribe",
      feeds: ["ticker.sfox.btcusd", "private.enterprise.users"],
    });
    expect(b.payload.feeds).toEqual(["private.enterprise.users", "ticker.sfox.btcusd"]);
    const u = await c.request({ type: "unsubscribe", feeds: ["private.enterprise.users"] });
    expect(u).toMatchObject({
      type: "success",
      sequence: 4,
      payload: { action: "unsubscribe", feeds: ["ticker.sfox.btcusd"] },
    });
    await register(sb, individual());
    await sleep(50);
    expect(c.feed()).toHaveLength(0);
  });

  it("answers errors for bad messages without closing", async () => {
    const c = await client();
    const replies = [
      await c.request("not json"),
      await c.request("[1,2]"),
      await c.request({ type: "dance" }),
      await c.request({ type: "subscribe" }),
      await c.request({ type: "subscribe", feeds: [] }),
      await c.request({ type: "subscribe", feeds: [42] }),
      await c.request({ type: "subscribe", feeds: ["no.such.feed"] }),
    ];
    expect(replies.map((r) => r.type)).toEqual(Array(7).fill("error"));
    expect(replies.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(c.closed).toBe(false);
    expect((await c.request({ type: "authenticate", apiKey: KEY })).type).toBe("success");
  });
});

describe("feed", () => {
  it("sends registration, each verification and the review, with the documented shape", async () => {
    const c = await client();
    await c.ready();
    const p = individual();
    await register(sb, p);
    const first = await waitFor(() => c.feed()[0]);
    expect(Object.keys(first)).toEqual(["sequence", "recipient", "timestamp", "payload"]);
    expect(first.recipient).toBe("private.enterprise.users");
    expect(first.payload).toEqual({
      user_id: p.user_id,
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      phone_number: "+14155552671",
      account_role: "Client",
      account_type: "individual",
      status: "PENDING",
      user_token: {
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expires: expect.any(String),
        partner_user_id: p.user_id,
      },
      requirements: { email: true, sms: true },
    });

    await verifyType(sb, p.user_id, "email");
    await verifyType(sb, p.user_id, "sms");
    const events = await waitFor(() => (c.feed().length >= 4 ? c.feed() : undefined));
    expect(events.map((e) => [e.payload.status, e.payload.requirements])).toEqual([
      ["PENDING", { email: true, sms: true }],
      ["PENDING", { email: false, sms: true }],
      ["PENDING", { email: false, sms: false }],
      ["VERIFIED", { email: false, sms: false }],
    ]);
    const tokens = new Set(events.map((e) => e.payload.user_token.token));
    expect(tokens.size).toBe(4);
  });

  it("numbers every message of a connection 1, 2, 3... and writes exact, increasing 19-digit timestamps", async () => {
    const c = await client();
    await c.ready();
    await register(sb, corporation());
    await register(sb, individual());
    await waitFor(() => (c.feed().length >= 2 ? true : undefined));
    expect(c.messages.map((m) => m.sequence)).toEqual(c.messages.map((_, i) => i + 1));
    const stamps = c.raw.map(rawTimestamp);
    for (const s of stamps) expect(s).toMatch(/^\d{19}$/);
    const big = stamps.map((s) => BigInt(s));
    for (let i = 1; i < big.length; i++) expect(big[i]! > big[i - 1]!).toBe(true);
    // Nanoseconds near now.
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const last = big[big.length - 1]!;
    expect(last > nowNs - 60_000_000_000n && last < nowNs + 60_000_000_000n).toBe(true);
  });

  it("sends a decision to every subscriber and counts connections", async () => {
    const a = await client();
    const b = await client();
    const lurker = await client();
    await a.ready();
    await b.ready();
    await lurker.request({ type: "authenticate", apiKey: KEY });
    const stats = (await get(sb, "/_sandbox/health", { key: null })).json.ws;
    expect(stats.connections).toBeGreaterThanOrEqual(3);
    expect(stats.authenticated).toBeGreaterThanOrEqual(3);
    expect(stats.subscribed).toBeGreaterThanOrEqual(2);

    const p = corporation();
    await register(sb, p);
    await post(sb, `/_sandbox/users/${p.user_id}/decision`, { status: "VERIFIED" }, { key: null });
    for (const c of [a, b]) {
      const events = await waitFor(() => (c.feed().length >= 2 ? c.feed() : undefined));
      expect(events[1].payload).toMatchObject({
        user_id: p.user_id,
        status: "VERIFIED",
        account_role: "Advisor",
      });
    }
    // Different connections get their own tokens.
    expect(a.feed()[1].payload.user_token.token).not.toBe(b.feed()[1].payload.user_token.token);
    expect(lurker.feed()).toHaveLength(0);
  });

  it("refuses upgrades on other paths", async () => {
    const ws = new WebSocket(`${sb.url.replace("http", "ws")}/other`);
    const result = await new Promise<string>((resolve) => {
      ws.on("open", () => resolve("open"));
      ws.on("error", () => resolve("error"));
      ws.on("unexpected-response", () => resolve("refused"));
    });
    expect(result).not.toBe("open");
    ws.terminate();
  });
});
