// The WebSocket API at /ws (connect-api.md section 4): authenticate, subscribe/unsubscribe and
// the `private.enterprise.users` feed. Each connection has one sequence counter shared by
// control replies and feed messages, starting at 1. Timestamps are 19-digit nanosecond
// integers written straight into the JSON text (see timestamp.ts).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { safeEqual } from "./auth";
import type { UserRecord } from "./store";
import { nowNs, rawJson } from "./timestamp";
import { mintUserToken } from "./tokens";
import { feedPayload } from "./views";

export const USERS_FEED = "private.enterprise.users";

/** Documented Connect feeds; only USERS_FEED produces messages in the sandbox. */
const PRIVATE_FEEDS = new Set([
  USERS_FEED,
  "private.enterprise.users.balances",
  "private.enterprise.users.open-orders",
  "private.enterprise.users.trades",
]);
/** Market-data feeds as named by sFOX (e.g. ticker.sfox.btcusd): accepted, silent. */
const MARKET_FEED = /^(ticker|trades|orderbook)\.(sfox|net)\.[a-z0-9]{2,20}$/;

function isKnownFeed(feed: string): boolean {
  return PRIVATE_FEEDS.has(feed) || MARKET_FEED.test(feed);
}

interface Connection {
  ws: WebSocket;
  sequence: number;
  authenticated: boolean;
  feeds: string[];
}

export interface WsStats {
  connections: number;
  authenticated: number;
  subscribed: number;
}

export class Feed {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly conns = new Set<Connection>();
  /** Fault injection: until then (epoch ms) the feed is down and upgrades are refused with 503. */
  private downUntil = 0;

  constructor(private readonly apiKey: string) {}

  /** Called from the HTTP server's `upgrade` event for path /ws. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (Date.now() < this.downUntil) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const conn: Connection = { ws, sequence: 0, authenticated: false, feeds: [] };
    this.conns.add(conn);
    // Without an error listener a malformed frame would throw from the emitter.
    ws.on("error", () => {});
    ws.on("close", () => this.conns.delete(conn));
    ws.on("message", (data, isBinary) => {
      try {
        this.onMessage(conn, isBinary ? Buffer.from(data as Buffer).toString("utf8") : data.toString());
      } catch {
        this.reply(conn, "error", { error: "internal error" });
      }
    });
  }

  private send(conn: Connection, build: (sequence: number, timestamp: bigint) => string): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    conn.sequence += 1;
    conn.ws.send(build(conn.sequence, nowNs()));
  }

  /** A control reply; `topAction` repeats the action at top level as the auth replies do. */
  private reply(
    conn: Connection,
    type: "success" | "error",
    payload: Record<string, unknown>,
    topAction?: string,
  ): void {
    this.send(conn, (sequence, timestamp) =>
      rawJson([
        ["type", type],
        ["sequence", sequence],
        ["timestamp", timestamp],
        ["payload", payload],
        ...(topAction ? [["action", topAction] as const] : []),
      ]),
    );
  }

  private onMessage(conn: Connection, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      this.reply(conn, "error", { error: "invalid JSON" });
      return;
    }
    if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
      this.reply(conn, "error", { error: "message must be a JSON object" });
      return;
    }
    const m = msg as Record<string, unknown>;
    const type = Object.hasOwn(m, "type") ? m.type : undefined;
    switch (type) {
      case "authenticate":
        return this.authenticate(conn, m);
      case "subscribe":
      case "unsubscribe":
        return this.subscription(conn, type, Object.hasOwn(m, "feeds") ? m.feeds : undefined);
      default:
        this.reply(conn, "error", {
          ...(typeof type === "string" ? { action: type.slice(0, 100) } : {}),
          error: "unknown message type (expected authenticate, subscribe or unsubscribe)",
        });
    }
  }

  private authenticate(conn: Connection, m: Record<string, unknown>): void {
    const key = Object.hasOwn(m, "apiKey") ? m.apiKey : undefined;
    const enterprise = Object.hasOwn(m, "enterprise") ? m.enterprise : undefined;
    // Docs show both `true` and `"true"`; a missing flag is accepted too (README, Interpretations).
    const enterpriseOk = enterprise === undefined || enterprise === true || enterprise === "true";
    const ok = enterpriseOk && typeof key === "string" && safeEqual(key, this.apiKey);
    conn.authenticated = ok;
    // A failed (re-)authentication also ends private subscriptions: no feed without a good key.
    if (!ok) conn.feeds = conn.feeds.filter((f) => !f.startsWith("private."));
    this.reply(conn, ok ? "success" : "error", { action: "authenticate" }, "authenticate");
  }

  private subscription(conn: Connection, action: "subscribe" | "unsubscribe", feeds: unknown): void {
    const fail = (error: string) => this.reply(conn, "error", { action, error, feeds: [...conn.feeds] });
    if (!Array.isArray(feeds) || feeds.length === 0 || feeds.length > 50) {
      return fail("feeds must be a non-empty array of feed names");
    }
    if (!feeds.every((f): f is string => typeof f === "string")) return fail("feeds must be strings");
    if (action === "unsubscribe") {
      conn.feeds = conn.feeds.filter((f) => !feeds.includes(f));
    } else {
      const unknown = feeds.find((f) => !isKnownFeed(f));
      if (unknown !== undefined) return fail(`unknown feed: ${unknown.slice(0, 100)}`);
      if (!conn.authenticated && feeds.some((f) => f.startsWith("private."))) {
        return fail("authenticate before subscribing to private feeds");
      }
      for (const f of feeds) if (!conn.feeds.includes(f)) conn.feeds.push(f);
    }
    this.reply(conn, "success", { action, feeds: [...conn.feeds] });
  }

  /** Sends the user's current state to every authenticated subscriber, each with a fresh token. */
  publishUser(user: UserRecord): void {
    for (const conn of this.conns) {
      if (!conn.authenticated || !conn.feeds.includes(USERS_FEED)) continue;
      const payload = feedPayload(user, mintUserToken(user.user_id));
      this.send(conn, (sequence, timestamp) =>
        rawJson([
          ["sequence", sequence],
          ["recipient", USERS_FEED],
          ["timestamp", timestamp],
          ["payload", payload],
        ]),
      );
    }
  }

  stats(): WsStats {
    let authenticated = 0;
    let subscribed = 0;
    for (const c of this.conns) {
      if (c.authenticated) authenticated++;
      if (c.authenticated && c.feeds.includes(USERS_FEED)) subscribed++;
    }
    return { connections: this.conns.size, authenticated, subscribed };
  }

  /** Fault injection: every connection loses one sequence number, as if a message went missing. */
  skipSequence(): number {
    for (const c of this.conns) c.sequence += 1;
    return this.conns.size;
  }

  /** Fault injection: kill every socket without a close frame, and refuse new ones for `downMs`. */
  dropAll(downMs = 0): number {
    this.downUntil = Date.now() + downMs;
    const n = this.conns.size;
    for (const c of this.conns) c.ws.terminate();
    this.conns.clear();
    return n;
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
