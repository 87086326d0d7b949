import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The largest request body the app reads. Its biggest real one, a registration with beneficial
 * owners, is a few KB; anything near this limit is not a person filling in a form.
 */
export const MAX_REQUEST_BODY_BYTES = 100 * 1024;

/**
 * Refuses, before anything reads or parses it, a request body over the limit (413) or one whose
 * size is not declared up front (411: browsers always declare it for forms and fetches). Answers
 * true when it has answered the request.
 */
export function refuseUnboundedBody(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false; // no body at all
    return refuse(res, 411, "Send the request body with a Content-Length.");
  }
  const bytes = Number(declared);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return refuse(res, 400, "The Content-Length header is not a number of bytes.");
  if (bytes > MAX_REQUEST_BODY_BYTES) {
    return refuse(res, 413, `The request body is too large (${bytes} bytes; the limit is ${MAX_REQUEST_BODY_BYTES}).`);
  }
  return false;
}

function refuse(res: ServerResponse, status: number, message: string): true {
  // The body is never read: close the connection rather than drain it.
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
  res.end(JSON.stringify({ error: message }));
  return true;
}
