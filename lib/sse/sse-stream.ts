import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SseMessage {
  id?: number;
  event?: string;
  data: unknown;
}

export interface SseStreamOptions {
  /** What the browser waits before reconnecting; randomise it so a restart is not a stampede. */
  retryMs: number;
  keepaliveMs?: number;
  /** A client that stops reading is dropped once this much is queued for it. */
  maxQueuedBytes?: number;
}

export interface SseStream {
  /** False when the stream is closed or was just dropped as too slow. */
  send(message: SseMessage): boolean;
  /** `send` for a frame already made by `formatSseMessage` (one event fanned out to many streams). */
  sendFrame(frame: string): boolean;
  /** Bytes written but not yet taken by the socket: a client reading slowly lets this grow. */
  readonly queuedBytes: number;
  /**
   * Resolves once the queue has drained (true), or with false when the stream closed or `timeoutMs`
   * passed first. A sender that can wait (a replay from the database) waits here instead of queueing.
   */
  drained(timeoutMs: number): Promise<boolean>;
  close(): void;
  onClose(callback: () => void): void;
  readonly closed: boolean;
}

/**
 * A Server-Sent Events response on a plain Node response: the headers proxies need, an `id:` per
 * event, `retry:`, a keepalive comment, a bound on what a slow client may queue, and cleanup of
 * every timer and listener exactly once when either side goes away.
 */
export function openSseStream(req: IncomingMessage, res: ServerResponse, options: SseStreamOptions): SseStream {
  const keepaliveMs = options.keepaliveMs ?? 15_000;
  const maxQueuedBytes = options.maxQueuedBytes ?? 256 * 1024;
  const closeCallbacks: Array<() => void> = [];
  let closed = false;

  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.write(`retry: ${Math.round(options.retryMs)}\n\n`);

  const keepalive = setInterval(() => {
    if (!closed) res.write(": keepalive\n\n");
  }, keepaliveMs);

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    req.off("close", finish);
    res.off("close", finish);
    res.off("error", finish);
    for (const callback of closeCallbacks.splice(0)) {
      try {
        callback();
      } catch {
        // Cleanup of one listener must not stop the others.
      }
    }
  };
  req.on("close", finish);
  res.on("close", finish);
  res.on("error", finish);

  return {
    get closed() {
      return closed;
    },
    get queuedBytes() {
      return res.writableLength;
    },
    drained(timeoutMs) {
      if (closed) return Promise.resolve(false);
      if (!res.writableNeedDrain) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          res.off("drain", onDrain);
          const index = closeCallbacks.indexOf(onClose);
          if (index >= 0) closeCallbacks.splice(index, 1);
          resolve(ok);
        };
        const onDrain = () => done(true);
        const onClose = () => done(false);
        const timer = setTimeout(() => done(false), timeoutMs);
        res.on("drain", onDrain);
        closeCallbacks.push(onClose);
      });
    },
    send(message) {
      return this.sendFrame(formatSseMessage(message));
    },
    sendFrame(frame) {
      if (closed) return false;
      if (res.writableLength > maxQueuedBytes) {
        // It stopped reading; it will come back with Last-Event-ID and miss nothing.
        res.destroy();
        finish();
        return false;
      }
      res.write(frame);
      return true;
    },
    close() {
      if (!closed) res.end();
      finish();
    },
    onClose(callback) {
      if (closed) callback();
      else closeCallbacks.push(callback);
    },
  };
}

export function formatSseMessage(message: SseMessage): string {
  let text = "";
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.event) text += `event: ${message.event}\n`;
  // JSON never contains a raw newline, so one data line always suffices.
  return `${text}data: ${JSON.stringify(message.data)}\n\n`;
}

/**
 * Where a reconnecting client left off: the Last-Event-ID header, else `?since=`. Undefined when
 * the client gave neither; null when what it gave is not an event id.
 */
export function lastEventIdOf(req: IncomingMessage): number | null | undefined {
  const header = req.headers["last-event-id"];
  const raw = (Array.isArray(header) ? header[0] : header) ?? new URL(req.url ?? "/", "http://x").searchParams.get("since");
  if (raw === null || raw === undefined || raw === "") return undefined;
  return /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : null;
}
