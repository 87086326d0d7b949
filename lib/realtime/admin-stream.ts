import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { adminFromHeaders } from "@/lib/admin/admin-session";
import { getDb } from "@/lib/db/client";
import { latestEventId, listEventsWithUsersAfter } from "@/lib/db/events";
import { eventBus } from "@/lib/events/event-bus";
import { lastEventIdOf } from "@/lib/sse/sse-stream";
import { replayThenLive } from "./replay-then-live";
import { sendJson } from "./send-json";
import { toAdminUserMessage } from "./stream-messages";
import { trackStream } from "./stream-stats";

// GET /api/admin/events: every user's changes, shaped for the admin users list. The admin
// session is checked here, by this handler, whatever any page did before.
export async function serveAdminEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET") return sendJson(res, 405, { error: "Use GET" }, { Allow: "GET" });
  const admin = await adminFromHeaders(toHeaders(req));
  if (!admin) return sendJson(res, 401, { error: "Sign in as a partner admin" });
  const given = lastEventIdOf(req);
  if (given === null) return sendJson(res, 400, { error: "Last-Event-ID / since must be a whole number" });

  const db = await getDb();
  // A client that names no position starts from now, not from the whole history.
  const since = given ?? (await latestEventId(db));
  await replayThenLive({
    req,
    res,
    since,
    event: "user",
    subscribe: (listener) => eventBus().subscribeAll(listener),
    replay: (afterId, limit) => listEventsWithUsersAfter(db, afterId, limit),
    toMessage: (row) => toAdminUserMessage(row.event, row.user),
    onOpen: (stream) => trackStream("admin", stream),
  });
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
