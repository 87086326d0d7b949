// Small HTTP helpers over node:http: bounded JSON body reading and JSON replies. Every error
// reply is `{"error": "..."}`, the only error shape sFOX documents.
import type { IncomingMessage, ServerResponse } from "node:http";

export const BODY_LIMIT = 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: string };

/** An HTTP failure a handler can throw; server.ts turns it into `{"error": message}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Reads the body as UTF-8 JSON. Content-Type is not required (sFOX's curl examples omit it).
 * Bytes are counted as they arrive; past BODY_LIMIT reading stops and the caller answers 413,
 * so a huge body is never held in memory.
 */
export function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > BODY_LIMIT) {
    return Promise.resolve(tooLarge());
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        chunks.length = 0;
        // Keep draining into nothing so the client can read the 413; the reply closes the connection.
        req.resume();
        finish(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => finish(parse(Buffer.concat(chunks))));
    req.on("error", () => finish({ ok: false, status: 400, error: "body: could not be read" }));
    req.on("aborted", () => finish({ ok: false, status: 400, error: "body: request aborted" }));
  });
}

function tooLarge(): BodyResult {
  return { ok: false, status: 413, error: `body: larger than ${BODY_LIMIT} bytes` };
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function parse(buf: Buffer): BodyResult {
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    return { ok: false, status: 400, error: "body: is not valid UTF-8" };
  }
  if (text.trim() === "")
    return { ok: false, status: 400, error: "body: is empty, a JSON object is expected" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, status: 400, error: `body: malformed JSON (${describeJsonError(err)})` };
  }
}

/** V8's messages quote a slice of the input; keep only the position so no body text is echoed. */
function describeJsonError(err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  const pos = /position (\d+)/.exec(message);
  if (pos) return `syntax error at position ${pos[1]}`;
  if (/end of JSON input/i.test(message)) return "unexpected end of input";
  return "syntax error";
}

/** Reads a body that must be a JSON object; throws HttpError otherwise. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  if (!body.ok)
    throw new HttpError(body.status, body.error, body.status === 413 ? { Connection: "close" } : {});
  const v = body.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new HttpError(422, "body: must be a JSON object");
  }
  return v as Record<string, unknown>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: message }, headers);
}

/** 200 with no body (Deactivate User). */
export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Length": 0, "Cache-Control": "no-store" });
  res.end();
}

/** Own-property read of a parsed JSON object. */
export function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
