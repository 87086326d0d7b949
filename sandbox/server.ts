// Wires one sandbox instance: HTTP server (REST + control API), WebSocket feed on the same port,
// store with optional state file, review timers. The request pipeline for sFOX paths is:
// rate limit -> injected faults -> route (404/405) -> bearer key (401) -> handler.
// Every handler runs inside one try/catch: whatever a client sends, the answer is a 4xx, and an
// unexpected exception is logged and answered 500 {"error":"internal error"} without a crash.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { hasValidBearer, UNAUTHORIZED_MESSAGE } from "./auth";
import { DEFAULT_CONFIG, type SandboxConfig } from "./config";
import type { Context } from "./context";
import { controlRoutes, isLoopback } from "./control";
import { Faults } from "./faults";
import { Feed, type WsStats } from "./feed";
import { HttpError, sendError } from "./http";
import { logRequest } from "./log";
import { loadStateFile, StateWriter } from "./persistence";
import { RateLimiter } from "./rate-limit";
import { Reviewer } from "./review";
import { matchRoute, parseTarget, type Route } from "./router";
import { restRoutes } from "./routes";
import { Store } from "./store";

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  /** e.g. ws://127.0.0.1:4010/ws */
  wsUrl: string;
  port: number;
  config: SandboxConfig;
  wsStats(): WsStats;
  /** Stops timers, closes sockets and the server, flushes the state file. Idempotent. */
  close(): Promise<void>;
}

export async function startSandbox(options: Partial<SandboxConfig> = {}): Promise<SandboxHandle> {
  const config: SandboxConfig = { ...DEFAULT_CONFIG, ...options };

  let writer: StateWriter | undefined;
  const store = new Store(() => writer?.schedule());
  const feed = new Feed(config.apiKey);
  const reviewer = new Reviewer(config, store, (user) => feed.publishUser(user));
  const ctx: Context = {
    config,
    store,
    feed,
    reviewer,
    faults: new Faults(),
    limiter: new RateLimiter(config),
    startedAt: Date.now(),
  };

  if (config.stateFile) {
    const file = config.stateFile;
    const snapshot = await loadStateFile(file);
    if (snapshot) store.load(snapshot);
    writer = new StateWriter(
      file,
      () => store.snapshot(),
      (err) => {
        console.error(`[sandbox] could not write ${file}: ${err.message}`);
      },
    );
    reviewer.rearmAll();
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    if (config.log) {
      res.on("finish", () =>
        logRequest(req.method ?? "?", req.url ?? "", res.statusCode, performance.now() - started),
      );
    }
    handle(ctx, req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendError(res, err.status, err.message, err.headers);
        return;
      }
      console.error("[sandbox] internal error:", err instanceof Error ? err.stack : err);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, "internal error");
    });
  });
  // Keep the default header limits; idle keep-alive sockets must not block close().
  server.keepAliveTimeout = 5_000;

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const target = parseTarget(req.url ?? "");
    if (target?.path === "/ws") {
      feed.handleUpgrade(req, socket, head);
    } else {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${hostForUrl}:${port}`,
    wsUrl: `ws://${hostForUrl}:${port}/ws`,
    port,
    config,
    wsStats: () => feed.stats(),
    close() {
      closing ??= (async () => {
        reviewer.stopAll();
        await feed.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await writer?.flush();
      })();
      return closing;
    },
  };
}

async function dispatch(
  ctx: Context,
  routes: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
  beforeHandler?: () => void,
): Promise<void> {
  const target = parseTarget(req.url ?? "");
  if (!target) throw new HttpError(400, "path: is not a valid request path");
  const match = matchRoute(routes, req.method ?? "", target.segments);
  if (match.kind === "none")
    throw new HttpError(404, `no such endpoint: ${req.method} ${target.path.slice(0, 200)}`);
  if (match.kind === "method") {
    throw new HttpError(405, `method ${req.method} not allowed here (allowed: ${match.allow.join(", ")})`, {
      Allow: match.allow.join(", "),
    });
  }
  beforeHandler?.();
  await match.handler(ctx, { req, res, params: match.params, query: target.query });
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? "";
  const path = parseTarget(rawUrl)?.path ?? rawUrl;

  if (path === "/_sandbox" || path.startsWith("/_sandbox/")) {
    if (!isLoopback(req)) throw new HttpError(403, "the control API only answers loopback clients");
    return dispatch(ctx, controlRoutes, req, res);
  }
  if (path === "/ws") throw new HttpError(426, "use a WebSocket upgrade on /ws", { Upgrade: "websocket" });

  const ip = req.socket.remoteAddress ?? "unknown";
  const rate = ctx.limiter.check(ip);
  if (!rate.ok) {
    throw new HttpError(429, "too many requests, slow down", { "Retry-After": String(rate.retryAfterS) });
  }

  const fault = ctx.faults.take(path);
  if (fault) {
    if (fault.delay_ms > 0) await sleep(fault.delay_ms, undefined, { ref: false });
    if (fault.status !== null) {
      const message = { 500: "internal server error", 429: "too many requests", 503: "service unavailable" }[
        fault.status
      ];
      throw new HttpError(
        fault.status,
        `${message} (injected fault)`,
        fault.status === 500 ? {} : { "Retry-After": "1" },
      );
    }
  }

  return dispatch(ctx, restRoutes, req, res, () => {
    if (!hasValidBearer(req, ctx.config.apiKey)) throw new HttpError(401, UNAUTHORIZED_MESSAGE);
  });
}
