import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "@/lib/db/client";
import { listUserEventsAfter } from "@/lib/db/events";
import { eventBus } from "@/lib/events/event-bus";
import { ONBOARDING_COOKIE, onboardingSessionFromCookie } from "@/lib/onboarding/session";
import { cookieFromHeaders } from "@/lib/session/cookies";
import { lastEventIdOf } from "@/lib/sse/sse-stream";
import { replayThenLive } from "./replay-then-live";
import { sendJson } from "./send-json";
import { toStatusMessage } from "./stream-messages";
import { trackStream } from "./stream-stats";

// GET /api/onboarding/events: the caller's own onboarding, live. Identified by the session
// cookie only: no cookie -> 401; an onboarding without an account yet -> 404.
export async function serveOnboardingEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET") return sendJson(res, 405, { error: "Use GET" }, { Allow: "GET" });
  const session = await onboardingSessionFromCookie(cookieFromHeaders(req.headers, ONBOARDING_COOKIE));
  if (!session) return sendJson(res, 401, { error: "No onboarding session" });
  if (!session.registeredAt) return sendJson(res, 404, { error: "This onboarding has no account yet" });
  const given = lastEventIdOf(req);
  if (given === null) return sendJson(res, 400, { error: "Last-Event-ID / since must be a whole number" });
  // Without a position the user gets their whole (short) history.
  const since = given ?? 0;

  const db = await getDb();
  const userId = session.userId;
  await replayThenLive({
    req,
    res,
    since,
    event: "status",
    subscribe: (listener) => eventBus().subscribeUser(userId, listener),
    replay: async (afterId, limit) => (await listUserEventsAfter(db, userId, afterId, limit)).map((event) => ({ event })),
    toMessage: (row) => toStatusMessage(row.event),
    onOpen: (stream) => trackStream("onboarding", stream),
  });
}
