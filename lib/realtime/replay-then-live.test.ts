import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventRow, UserRow } from "@/lib/db/schema";
import { eventBus } from "@/lib/events/event-bus";
import { replayThenLive } from "./replay-then-live";

/** Events of one user, oldest first, as the event log would return them. */
const stored: EventRow[] = [];
function event(id: number, userId = "u1"): EventRow {
  return { id, userId, kind: "feed", payload: { status: "pending" }, receivedAt: new Date() };
}
const user = { userId: "u1" } as UserRow;

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/history") return serveHistory(req, res, Number(url.searchParams.get("stall") ?? 30_000));
    if (url.pathname === "/slow-pages") return serveSlowPages(req, res);
    const since = Number(new URL(req.url ?? "/", "http://x").searchParams.get("since") ?? 0);
    const userId = new URL(req.url ?? "/", "http://x").searchParams.get("user") ?? "u1";
    void replayThenLive({
      req,
      res,
      since,
      event: "status",
      subscribe: (listener) => eventBus().subscribeUser(userId, listener),
      replay: async (afterId, limit) => {
        // A change committed and published while the replay is reading must still arrive, once.
        const rows = stored.filter((row) => row.userId === userId && row.id > afterId).slice(0, limit);
        if (afterId === since) {
          const late = event(stored.length + 100, userId);
          stored.push(late);
          eventBus().publish({ event: late, user });
        }
        return rows.map((row) => ({ event: row }));
      },
      toMessage: (row) => ({ id: row.event.id }),
    });
  });
  // One test opens 1,000 streams at once: more than Node's default backlog (511) of pending connections.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 2_048 }, resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A user with a long stored history (~10 MB as SSE), for the replay's pacing. */
const HISTORY = 20_000;
const history = Array.from({ length: HISTORY }, (_, index) => event(index + 1, "long"));
let peakQueued = 0;
let historyStreamClosed = false;
function serveHistory(req: http.IncomingMessage, res: http.ServerResponse, stallTimeoutMs: number) {
  historyStreamClosed = false;
  void replayThenLive({
    req,
    res,
    since: 0,
    event: "status",
    stallTimeoutMs,
    subscribe: (listener) => eventBus().subscribeUser("long", listener),
    replay: async (afterId, limit) => history.filter((row) => row.id > afterId).slice(0, limit).map((row) => ({ event: row })),
    toMessage: (row) => ({ id: row.event.id, padding: "p".repeat(400) }),
    onOpen: (stream) => {
      const timer = setInterval(() => (peakQueued = Math.max(peakQueued, stream.queuedBytes)), 1);
      stream.onClose(() => {
        clearInterval(timer);
        historyStreamClosed = true;
      });
    },
  });
}

/** A history whose every page takes PAGE_MS to read, as a busy database would; each read's times. */
const PAGE_MS = 20;
const SLOW_HISTORY = 200;
const slowHistory = Array.from({ length: SLOW_HISTORY }, (_, index) => event(index + 1, "slow"));
const pageReads: Array<{ started: number; ended: number }> = [];
function serveSlowPages(req: http.IncomingMessage, res: http.ServerResponse) {
  void replayThenLive({
    req,
    res,
    since: 0,
    event: "status",
    subscribe: (listener) => eventBus().subscribeUser("slow", listener),
    replay: async (afterId, limit) => {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, PAGE_MS));
      pageReads.push({ started, ended: performance.now() });
      return slowHistory.filter((row) => row.id > afterId).slice(0, limit).map((row) => ({ event: row }));
    },
    toMessage: (row) => ({ id: row.event.id }),
  });
}

function ids(text: string): number[] {
  return [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
}

describe("replay, then live", () => {
  it("paces a long history to a slow reader: all of it arrives, and the server never queues much of it", async () => {
    peakQueued = 0;
    const response = await fetch(`${base}/history`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let count = 0;
    let tail = "";
    let reads = 0;
    while (count < HISTORY) {
      const { value, done } = await reader.read();
      if (done) break;
      const text = tail + decoder.decode(value, { stream: true });
      // Count whole events only; a read can end inside one, or hold no end of one at all.
      const lastEnd = text.lastIndexOf("\n\n");
      const cut = lastEnd < 0 ? 0 : lastEnd + 2;
      count += ids(text.slice(0, cut)).length;
      tail = text.slice(cut);
      // Read slowly at first, so the socket backs up and the replay has to wait.
      if (++reads < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await reader.cancel();
    expect(count).toBe(HISTORY);
    // ~10 MB went through; what waited in the server's memory stayed near one high-water mark.
    expect(peakQueued).toBeLessThan(256 * 1024);
  });

  it("lets go of a client that takes nothing during a replay, once the stall timeout passes", async () => {
    const controller = new AbortController();
    // Read the headers, never the body.
    await fetch(`${base}/history?stall=300`, { signal: controller.signal });
    for (let wait = 0; !historyStreamClosed && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(historyStreamClosed).toBe(true);
  });

  it("leaves the database alone between a long history's pages for as long as each page took", async () => {
    // The feed's writes share the database with replays; a replay read back to back held them up.
    pageReads.length = 0;
    const controller = new AbortController();
    const response = await fetch(`${base}/slow-pages`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = "";
    while (ids(text).length < SLOW_HISTORY) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(ids(text)).toEqual(slowHistory.map((row) => row.id));
    // Four full pages (the client has it all then; the empty read after them may come later).
    expect(pageReads.length).toBeGreaterThanOrEqual(4);
    for (let page = 1; page < pageReads.length; page++) {
      const pause = pageReads[page]!.started - pageReads[page - 1]!.ended;
      // Each read took at least PAGE_MS; a timer may fire a little early by the loop's clock.
      expect(pause).toBeGreaterThan(PAGE_MS * 0.75);
    }
  });

  it("replays what the client missed, then what arrived during the replay, each once and in order", async () => {
    stored.splice(0, stored.length, event(1), event(2), event(3), event(4, "other"));
    const controller = new AbortController();
    const response = await fetch(`${base}/?since=1&user=u1`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let text = "";
    while (ids(text).length < 3) text += new TextDecoder().decode((await reader.read()).value);
    eventBus().publish({ event: event(200), user });
    while (ids(text).length < 4) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(ids(text)).toEqual([2, 3, 104, 200]);
  });

  it("leaves no listener and no timer behind after 1,000 streams open and close", async () => {
    stored.splice(0, stored.length);
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    // The previous test's stream closes asynchronously; start from an empty bus.
    for (let wait = 0; eventBus().listenerCount() > 0 && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    const listenersBefore = eventBus().listenerCount();
    expect(listenersBefore).toBe(0);
    const timersBefore = timers();
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

    const requests = await Promise.all(
      Array.from(
        { length: 1_000 },
        (_, index) =>
          new Promise<http.ClientRequest>((resolve, reject) => {
            const request = http.get(`${base}/?since=0&user=stream_${index % 50}`, { agent }, (response) => {
              response.once("data", () => resolve(request));
            });
            request.on("error", reject);
          }),
      ),
    );
    expect(eventBus().listenerCount()).toBe(listenersBefore + 1_000);
    // Each open stream holds its keepalive timer.
    expect(timers()).toBeGreaterThanOrEqual(1_000);

    for (const request of requests) request.destroy();
    const deadline = Date.now() + 5_000;
    while ((eventBus().listenerCount() > listenersBefore || timers() > timersBefore) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(eventBus().listenerCount()).toBe(listenersBefore);
    expect(timers()).toBeLessThanOrEqual(timersBefore);
    agent.destroy();
  });
});
