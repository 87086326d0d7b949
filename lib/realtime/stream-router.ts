import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/log";
import { serveAdminEvents } from "./admin-stream";
import { serveOnboardingEvents } from "./onboarding-stream";
import { sendJson } from "./send-json";

const ROUTES: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
  "/api/onboarding/events": serveOnboardingEvents,
  "/api/admin/events": serveAdminEvents,
};

export type StreamRouter = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The event streams are served on the raw Node request, in front of Next.js: a route handler's
 * ReadableStream has no backpressure and costs several times the memory per connection.
 * Returns false for any other path, which Next.js then handles.
 */
export const routeStreams: StreamRouter = (req, res) => {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const handler = ROUTES[path];
  if (!handler) return false;
  handler(req, res).catch((error: unknown) => {
    log.error("stream_failed", { path, error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) sendJson(res, 500, { error: "The stream could not be opened" });
    else res.end();
  });
  return true;
};

const globalForRouter = globalThis as typeof globalThis & { __sfoxStreamRouter?: StreamRouter };

/** Hands the router to the HTTP layer (scripts/app-server.ts), which lives outside Next's bundle. */
export function registerStreamRouter(): void {
  globalForRouter.__sfoxStreamRouter = routeStreams;
}
