import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The HTTP layer's answer while the database cannot be reached (lib/db/availability.ts): a 503
 * that says so, in the form the caller can show, instead of a request that fails half-way. Nothing
 * is read or written, so nothing can be half-written. `Retry-After` tells well-behaved clients when
 * to come back; the event-stream hook retries by itself.
 */

const RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE =
  "We cannot reach our database at the moment, so nothing can be shown or saved. Anything you saved before is safe. Please try again in a minute.";

// Served without the app (no layout, no scripts): what needs no database at all.
const NEEDS_NO_DATABASE = [/^\/_next\/static\//, /^\/api\/health(\?|$)/, /^\/(icon\.svg|robots\.txt|favicon\.ico)(\?|$)/];

/** True for requests that still work without the database: static files, and the health check. */
export function needsNoDatabase(url: string): boolean {
  return NEEDS_NO_DATABASE.some((pattern) => pattern.test(url));
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}
main{max-width:36rem;margin:4rem auto;padding:0 1.5rem}h1{font-size:1.5rem}p{line-height:1.6}
a{color:#1d4ed8;font-weight:600}`;
// The page carries its own CSP: no script at all, and only this one stylesheet (by its hash).
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

function page(retryUrl: string): string {
  const href = retryUrl.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable</title><style>${STYLE}</style></head>
<body><main><h1>We will be back in a moment</h1>
<p>${DATABASE_UNAVAILABLE_MESSAGE}</p>
<p><a href="${href}">Try again</a></p></main></body></html>`;
}

/** Answers `req` with a 503 suited to it: an HTML page, JSON for the API, plain text for a server action. */
export function respondDatabaseUnavailable(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const headers: Record<string, string> = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  const wantsPage = (req.method === "GET" || req.method === "HEAD") && /text\/html/.test(req.headers.accept ?? "");
  if (url.startsWith("/api/")) {
    res.writeHead(503, { ...headers, "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE }));
  } else if (wantsPage && !req.headers["next-action"] && !req.headers.rsc) {
    res.writeHead(503, {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    });
    res.end(req.method === "HEAD" ? undefined : page(url));
  } else {
    // A server action or a client-side navigation: React's client raises a text/plain error's text.
    res.writeHead(503, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
    res.end(DATABASE_UNAVAILABLE_MESSAGE);
  }
}
