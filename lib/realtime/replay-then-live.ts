import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventRow } from "@/lib/db/schema";
import type { PublishedChange } from "@/lib/events/event-bus";
import { formatSseMessage, openSseStream, type SseStream } from "@/lib/sse/sse-stream";

// Small pages: the feed's writes, which every live stream waits for, queue on the same database
// thread as these reads, so a page is the longest a write waits behind a replay (200 rows: ~8 ms;
// 50: ~1.5 ms). How often a long replay may read a page is paced below.
const REPLAY_PAGE = 50;
/** A replay pauses while this much waits for the client, instead of piling a long history up in memory. */
const REPLAY_HIGH_WATER_BYTES = 64 * 1024;
/** A client that takes nothing for this long during a replay is let go; it resumes by Last-Event-ID. */
const REPLAY_STALL_TIMEOUT_MS = 30_000;

// One live change reaches every open tab of its user (and every admin): its frame is built once per
// kind of stream, not once per tab. Keyed weakly by the change, so frames go when the change does.
const framesOfChange = new WeakMap<PublishedChange, Map<string, string>>();

function liveFrame(change: PublishedChange, event: string, build: () => string): string {
  let frames = framesOfChange.get(change);
  if (!frames) {
    frames = new Map();
    framesOfChange.set(change, frames);
  }
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = build();
    frames.set(event, frame);
  }
  return frame;
}

export interface ReplayThenLiveOptions<Row extends { event: EventRow }> {
  req: IncomingMessage;
  res: ServerResponse;
  since: number;
  /** Live changes; returns the unsubscribe function. */
  subscribe(listener: (change: PublishedChange) => void): () => void;
  /** Stored events after an id, oldest first, at most `limit`. */
  replay(afterId: number, limit: number): Promise<Row[]>;
  toMessage(row: Row | PublishedChange): unknown;
  /** The SSE event name; every stream with this name must send the same message for a change. */
  event: string;
  onOpen?(stream: SseStream): void;
  /** How long a replay waits for a client that takes nothing (tests shorten it). */
  stallTimeoutMs?: number;
}

/**
 * Replays every stored event after `since`, then streams live ones, missing nothing in between.
 * - The replay is paced by the client: it waits while the socket is backed up, so a long history
 *   costs one page of memory, not the whole history, and a reader that stops is let go after a while.
 * - A change published during the replay is not held in memory: every published change is already
 *   in the event log, so the replay simply reads once more before going live.
 * Event ids are the event log's, so a reconnect resumes exactly where the client left off.
 */
export async function replayThenLive<Row extends { event: EventRow }>(options: ReplayThenLiveOptions<Row>): Promise<void> {
  // Between 1 and 4 s, so a server restart does not bring every browser back in the same instant.
  const stream = openSseStream(options.req, options.res, { retryMs: 1_000 + Math.random() * 3_000 });
  options.onOpen?.(stream);
  let lastSent = options.since;
  let replaying = true;
  let publishedDuringReplay = false;

  const deliver = (row: Row) => {
    if (row.event.id <= lastSent) return;
    lastSent = row.event.id;
    stream.send({ id: row.event.id, event: options.event, data: options.toMessage(row) });
  };

  const deliverLive = (change: PublishedChange) => {
    if (change.event.id <= lastSent) return;
    lastSent = change.event.id;
    const frame = liveFrame(change, options.event, () =>
      formatSseMessage({ id: change.event.id, event: options.event, data: options.toMessage(change) }),
    );
    stream.sendFrame(frame);
  };

  const unsubscribe = options.subscribe((change) => {
    if (replaying) publishedDuringReplay = true;
    else deliverLive(change);
  });
  stream.onClose(unsubscribe);

  try {
    for (;;) {
      // Reset before each read: anything published from here on is either in this read or flags another.
      publishedDuringReplay = false;
      const readStarted = performance.now();
      const rows = await options.replay(lastSent, REPLAY_PAGE);
      const readMs = performance.now() - readStarted;
      for (const row of rows) {
        if (stream.closed) return;
        deliver(row);
        if (stream.queuedBytes > REPLAY_HIGH_WATER_BYTES && !(await stream.drained(options.stallTimeoutMs ?? REPLAY_STALL_TIMEOUT_MS))) {
          stream.close();
          return;
        }
      }
      if (stream.closed) return;
      if (rows.length < REPLAY_PAGE && !publishedDuringReplay) break;
      // A long history takes at most about half of the database's thread: after each page it waits as
      // long as the page took. Read back to back, a 40,000-event history kept that thread busy for a
      // second or more, and every feed write meanwhile waited behind a page (feed writes at 100/s:
      // p99 3-6 ms alone, 8 ms beside such a replay, 5.5 ms beside a paced one); paced, a long
      // history takes about twice as long to read.
      await new Promise<void>((resolve) => setTimeout(resolve, readMs));
    }
  } catch (error) {
    stream.close();
    throw error;
  }
  replaying = false;
}
