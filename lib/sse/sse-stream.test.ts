import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { formatSseMessage, lastEventIdOf, openSseStream, type SseStream } from "./sse-stream";

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server whose every request becomes an SSE stream handed to `onStream`. */
async function serve(onStream: (stream: SseStream, req: http.IncomingMessage) => void, options = {}): Promise<string> {
  server = http.createServer((req, res) => onStream(openSseStream(req, res, { retryMs: 3_000, ...options }), req));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("SSE stream", () => {
  it("formats events with id, event and a single data line", () => {
    expect(formatSseMessage({ id: 7, event: "status", data: { status: "verified", note: "a\nb" } })).toBe(
      'id: 7\nevent: status\ndata: {"status":"verified","note":"a\\nb"}\n\n',
    );
  });

  it("answers with the headers proxies and browsers need, retry first, then events", async () => {
    const url = await serve((stream) => {
      stream.send({ id: 1, event: "status", data: { ok: true } });
      stream.close();
    });
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await response.text()).toBe('retry: 3000\n\nid: 1\nevent: status\ndata: {"ok":true}\n\n');
  });

  it("sends a keepalive comment on schedule", async () => {
    const url = await serve(() => {}, { keepaliveMs: 50 });
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes(": keepalive")) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain(": keepalive\n\n");
  });

  it("runs cleanup exactly once when the client goes away, and refuses sends afterwards", async () => {
    let closes = 0;
    let captured: SseStream | undefined;
    const closedOnServer = new Promise<void>((resolve) => {
      void serve((stream) => {
        captured = stream;
        stream.onClose(() => {
          closes++;
          resolve();
        });
      }).then(async (url) => {
        const controller = new AbortController();
        await fetch(url, { signal: controller.signal });
        controller.abort();
      });
    });
    await closedOnServer;
    expect(closes).toBe(1);
    expect(captured?.closed).toBe(true);
    expect(captured?.send({ data: 1 })).toBe(false);
    captured?.close();
    expect(closes).toBe(1);
  });

  it("drops a client that stops reading once its queue passes the limit", async () => {
    let dropped: boolean | undefined;
    const url = await serve(
      (stream) => {
        const big = "x".repeat(64 * 1024);
        for (let i = 0; i < 200 && dropped === undefined; i++) if (!stream.send({ data: big })) dropped = true;
      },
      { maxQueuedBytes: 256 * 1024 },
    );
    const controller = new AbortController();
    // Read the headers, then never read the body.
    await fetch(url, { signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    expect(dropped).toBe(true);
  });

  it("reads where a client left off from Last-Event-ID, else ?since=, and refuses junk", () => {
    const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as unknown as http.IncomingMessage;
    expect(lastEventIdOf(req("/e", { "last-event-id": "42" }))).toBe(42);
    expect(lastEventIdOf(req("/e?since=17"))).toBe(17);
    expect(lastEventIdOf(req("/e?since=5", { "last-event-id": "9" }))).toBe(9);
    expect(lastEventIdOf(req("/e"))).toBeUndefined();
    expect(lastEventIdOf(req("/e?since=abc"))).toBeNull();
    expect(lastEventIdOf(req("/e?since=-1"))).toBeNull();
  });
});
