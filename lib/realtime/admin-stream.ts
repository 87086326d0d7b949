import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { adminFromHeaders } from "@/lib/admin/admin-session";
import { getDb } from "@/lib/db/client";
import { latestEventId, listEventsWithUsersAfter } from "@/lib/db/events";
import { eventBus } from "@/lib/events/event-bus";
import { lastEventIdOf, type SseStream } from "@/lib/sse/sse-stream";
import { userIdSchema } from "@/lib/validations/primitives";
import { replayThenLive } from "./replay-then-live";
import { realtimeHealth } from "./runtime";
import { sendJson } from "./send-json";
import { toAdminUserMessage, type FeedSignal } from "./stream-messages";
import { trackStream } from "./stream-stats";

const FEED_CHECK_MS = 2_000;

// GET /api/admin/events[?user=<id>]: every user's changes (or one user's, for the detail page),
// shaped for the back office, plus a `feed` message whenever the upstream feed's state changes.
// The admin session is checked here, by this handler, whatever any page did before.
export async function serveAdminEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET") return sendJson(res, 405, { error: "Use GET" }, { Allow: "GET" });
  const admin = await adminFromHeaders(toHeaders(req));
  if (!admin) return sendJson(res, 401, { error: "Sign in as a partner admin" });
  const given = lastEventIdOf(req);
  if (given === null) return sendJson(res, 400, { error: "Last-Event-ID / since must be a whole number" });
  const userParam = new URL(req.url ?? "/", "http://x").searchParams.get("user");
  const onlyUser = userParam === null ? null : userIdSchema.safeParse(userParam);
  if (onlyUser && !onlyUser.success) return sendJson(res, 400, { error: "user must be a user id" });
  const userId = onlyUser?.data ?? null;

  const db = await getDb();
  // A client that names no position starts from now, not from the whole history.
  const since = given ?? (await latestEventId(db));
  await replayThenLive({
    req,
    res,
    since,
    event: "user",
    subscribe: (listener) => (userId ? eventBus().subscribeUser(userId, listener) : eventBus().subscribeAll(listener)),
    replay: (afterId, limit) => listEventsWithUsersAfter(db, afterId, limit, userId),
    toMessage: (row) => toAdminUserMessage(row.event, row.user),
    onOpen: (stream) => {
      trackStream("admin", stream);
      signalFeedChanges(stream);
    },
  });
}

/** Sends the feed's state now and again whenever it changes, until the stream closes. */
function signalFeedChanges(stream: SseStream): void {
  let last = "";
  const check = () => {
    const feed = realtimeHealth()?.feed;
    const signal: FeedSignal = feed
      ? { state: feed.state, connected: feed.connected, reconnects: feed.reconnects, lastEventAt: feed.lastEventAt }
      : { state: "stopped", connected: false, reconnects: 0, lastEventAt: null };
    // lastEventAt moves with every event; only a change of state or a reconnect is news.
    const key = `${signal.state}/${signal.reconnects}`;
    if (key === last) return;
    last = key;
    stream.send({ event: "feed", data: signal });
  };
  check();
  const timer = setInterval(check, FEED_CHECK_MS);
  stream.onClose(() => clearInterval(timer));
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
