/**
 * The app's HTTP server: Next.js behind a thin Node layer that serves the event streams itself.
 * Next's route handlers stream through a ReadableStream without backpressure and cost several
 * times the memory per connection; the streams here write to the raw response instead. The
 * stream router is created inside Next's bundle (instrumentation.ts), where server-only code and
 * the one database connection live, and handed over on globalThis.
 *
 * Started by scripts/start.ts (npm start / npm run dev), which validates the configuration first.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { REQUEST_PATH_HEADER } from "../lib/admin/safe-next";
import { databaseReachable } from "../lib/db/availability";
import { parseEnv } from "../lib/env";
import { needsNoDatabase, respondDatabaseUnavailable } from "../lib/http/database-unavailable";
import { SECURITY_HEADERS } from "../lib/security/content-security-policy";
import { refuseUnboundedBody } from "../lib/security/request-body-limit";

type StreamRouter = (req: IncomingMessage, res: ServerResponse) => boolean;
const shared = globalThis as typeof globalThis & { __sfoxStreamRouter?: StreamRouter };

const dev = process.argv.includes("--dev");
// tsx (which runs this file) turns Node's source-map support on for every module loaded after it,
// Next's compiled server chunks included: Node then reads and keeps each chunk's source map, about
// 30-40 MB of live heap that every major garbage collection must walk, and maps every stack trace it
// formats. In production the app runs as `next start` would, without them; development keeps them.
if (!dev) process.setSourceMapsEnabled(false);

const env = parseEnv(process.env);
const root = path.resolve(import.meta.dirname, "..");

async function main(): Promise<void> {
  const app = next({ dev, dir: root, port: env.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const streams = await waitForStreamRouter(60_000);

  const securityHeaders = {
    ...SECURITY_HEADERS,
    // Browsers that reached us over HTTPS keep to it (only when the public origin is HTTPS).
    ...(env.appUrl.startsWith("https://") ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
  const server = http.createServer((req, res) => {
    // Without a trusted proxy in front, the socket is the client: never trust a client-sent
    // X-Forwarded-For (sign-in rate limits are per client address).
    if (!env.trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    // Layouts cannot see the URL; the admin console's layout needs it to send a signed-out visitor
    // back to the page they asked for. Always set here, so a client cannot choose it.
    req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
    // On every response, pages, routes and streams alike (the pages' CSP, with its nonce, is proxy.ts's).
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (refuseUnboundedBody(req, res)) return;
    // While PostgreSQL is known to be down, a clear 503 at once rather than a request failing half-way.
    if (!databaseReachable() && !needsNoDatabase(req.url ?? "/")) return respondDatabaseUnavailable(req, res);
    if (streams(req, res)) return;
    void handle(req, res);
  });
  // Long-lived streams must not be cut by the default request timeout.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  if (dev) server.on("upgrade", app.getUpgradeHandler());

  // After a restart every open stream reconnects within seconds; Node's default accept queue (511)
  // overflows, the kernel drops SYNs, and those browsers only retry after TCP's 1, 3, 7, 15 s backoff.
  // 4096 is Linux's default ceiling (net.core.somaxconn).
  await new Promise<void>((resolve) => server.listen({ port: env.port, backlog: 4096 }, resolve));
  console.log(`[app] listening on port ${env.port}${dev ? " (development)" : ""}`);

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

async function waitForStreamRouter(timeoutMs: number): Promise<StreamRouter> {
  const deadline = Date.now() + timeoutMs;
  while (!shared.__sfoxStreamRouter) {
    if (Date.now() > deadline) throw new Error("instrumentation.ts did not register the stream router");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return shared.__sfoxStreamRouter;
}

main().catch((error: unknown) => {
  console.error(`[app] could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
