/**
 * The floor: a minimal plain `node:http` SSE broadcaster fed by the same upstream as the app
 * (the sandbox's WebSocket feed: authenticate, subscribe to private.enterprise.users) that
 * forwards each user's events to that user's clients, in the same bytes the app sends
 * (`id:`, `event: status`, `data: {status, requirements, at}`). It checks the same signed
 * session cookie (HMAC, with the session -> user map handed over in a file), sends `retry:`, a
 * keepalive comment every 15 s, and nothing else: no database, no replay, no slow-client bound. What
 * Node itself costs per connection and per delivery.
 *
 * Env: FLOOR_PORT, FLOOR_WS_URL, FLOOR_API_KEY, FLOOR_SESSION_SECRET, FLOOR_SESSIONS_FILE.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http, { type ServerResponse } from "node:http";
import WebSocket from "ws";

const port = Number(process.env.FLOOR_PORT);
const wsUrl = process.env.FLOOR_WS_URL ?? "";
const apiKey = process.env.FLOOR_API_KEY ?? "";
const secret = process.env.FLOOR_SESSION_SECRET ?? "";
const sessions = new Map(
  Object.entries(
    JSON.parse(fs.readFileSync(process.env.FLOOR_SESSIONS_FILE ?? "", "utf8")) as Record<string, string>,
  ),
);
const FEED = "private.enterprise.users";

const streams = new Map<string, Set<ServerResponse>>();
let open = 0;
let nextId = 0;
let subscribed = false;

function userOf(cookieHeader: string | undefined): string | undefined {
  const match = /(?:^|;\s*)onboarding_session=([^;]+)/.exec(cookieHeader ?? "");
  const signed = match?.[1] ?? "";
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(signed.slice(0, dot)).digest("base64url"));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return sessions.get(signed.slice(0, dot));
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/health") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ subscribed, streams: open }));
    return;
  }
  if (path !== "/api/onboarding/events") {
    res.writeHead(404).end();
    return;
  }
  const userId = userOf(req.headers.cookie);
  if (!userId) {
    res.writeHead(401).end();
    return;
  }
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.write(`retry: ${Math.round(1_000 + Math.random() * 3_000)}\n\n`);
  let mine = streams.get(userId);
  if (!mine) streams.set(userId, (mine = new Set()));
  mine.add(res);
  open++;
  // One keepalive timer per stream, as the app has: timers start with their streams, so the
  // comments spread over the interval instead of 10,000 writes at once.
  const keepalive = setInterval(() => res.write(": keepalive\n\n"), 15_000);
  res.on("close", () => {
    clearInterval(keepalive);
    mine.delete(res);
    open--;
  });
});
server.requestTimeout = 0;
server.keepAliveTimeout = 65_000;

function connectFeed(): void {
  const socket = new WebSocket(wsUrl);
  socket.on("open", () => socket.send(JSON.stringify({ type: "authenticate", apiKey, enterprise: true })));
  socket.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as {
      type?: string;
      action?: string;
      recipient?: string;
      payload?: {
        action?: string;
        user_id?: string;
        status?: string;
        requirements?: { email?: boolean; sms?: boolean };
      };
    };
    if (frame.type === "success" && frame.action === "authenticate")
      socket.send(JSON.stringify({ type: "subscribe", feeds: [FEED] }));
    else if (frame.type === "success" && frame.payload?.action === "subscribe") subscribed = true;
    else if (frame.recipient === FEED && frame.payload?.user_id) {
      const clients = streams.get(frame.payload.user_id);
      if (!clients || clients.size === 0) return;
      const message = {
        status: (frame.payload.status ?? "pending").toLowerCase(),
        requirements: {
          email: Boolean(frame.payload.requirements?.email),
          sms: Boolean(frame.payload.requirements?.sms),
        },
        at: new Date().toISOString(),
      };
      const text = `id: ${++nextId}\nevent: status\ndata: ${JSON.stringify(message)}\n\n`;
      for (const res of clients) res.write(text);
    }
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    subscribed = false;
    setTimeout(connectFeed, 500);
  });
}

server.listen(port, "127.0.0.1", () => {
  console.log(`[floor] listening on ${port}`);
  connectFeed();
});
process.on("SIGTERM", () => process.exit(0));
