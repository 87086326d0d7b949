// A tiny exact-path router: patterns are segment lists where ":name" captures one segment.
// It distinguishes "no such path" (404) from "path exists, method does not" (405 + Allow).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context } from "./context";

export interface RequestInfo {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Handler = (ctx: Context, r: RequestInfo) => Promise<void> | void;

export interface Route {
  pattern: string;
  methods: Partial<Record<string, Handler>>;
}

export type Match =
  | { kind: "found"; handler: Handler; params: Record<string, string> }
  | { kind: "method"; allow: string[] }
  | { kind: "none" };

export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]): Match {
  for (const route of routes) {
    const parts = route.pattern.split("/").slice(1);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const p = parts[i] ?? "";
      const s = segments[i] ?? "";
      if (p.startsWith(":")) {
        if (s === "") ok = false;
        else params[p.slice(1)] = s;
      } else if (p !== s) {
        ok = false;
      }
    }
    if (!ok) continue;
    const handler = route.methods[method];
    if (handler) return { kind: "found", handler, params };
    return { kind: "method", allow: Object.keys(route.methods) };
  }
  return { kind: "none" };
}

/** Splits a request target into decoded path segments and the query; null when undecodable. */
export function parseTarget(
  rawUrl: string,
): { path: string; segments: string[]; query: URLSearchParams } | null {
  const q = rawUrl.indexOf("?");
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (!path.startsWith("/")) return null;
  try {
    const segments = path
      .split("/")
      .slice(1)
      .map((s) => decodeURIComponent(s));
    return { path, segments, query: new URLSearchParams(q === -1 ? "" : rawUrl.slice(q + 1)) };
  } catch {
    return null;
  }
}
