// Bearer-key checks for REST and WebSocket. Comparison is constant-time over SHA-256 digests so
// neither the key's content nor its length leaks through timing.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

/** True when the request carries `Authorization: Bearer <apiKey>` (scheme case-insensitive). */
export function hasValidBearer(req: IncomingMessage, apiKey: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== "string") return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m !== null && safeEqual(m[1] ?? "", apiKey);
}

export const UNAUTHORIZED_MESSAGE = "invalid token. check authorization header.";
