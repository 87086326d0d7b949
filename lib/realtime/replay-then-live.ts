import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventRow } from "@/lib/db/schema";
import type { PublishedChange } from "@/lib/events/event-bus";
import { openSseStream, type SseStream } from "@/lib/sse/sse-stream";

const REPLAY_PAGE = 500;

export interface ReplayThenLiveOptions<Row extends { event: EventRow }> {
  req: IncomingMessage;
  res: ServerResponse;
  since: number;
  /** Live changes; returns the unsubscribe function. */
  subscribe(listener: (change: PublishedChange) => void): () => void;
  /** Stored events after an id, oldest first, at most `limit`. */
  replay(afterId: number, limit: number): Promise<Row[]>;
  toMessage(row: Row | PublishedChange): unknown;
  event: string;
  onOpen?(stream: SseStream): void;
}

/**
 * Replays every stored event after `since`, then streams live ones, missing nothing in between:
 * live changes that arrive during the replay wait in a buffer and are sent after it, skipping any
 * the replay already covered. Event ids are the event log's, so a reconnect resumes exactly.
 */
export async function replayThenLive<Row extends { event: EventRow }>(options: ReplayThenLiveOptions<Row>): Promise<void> {
  // Between 1 and 4 s, so a server restart does not bring every browser back in the same instant.
  const stream = openSseStream(options.req, options.res, { retryMs: 1_000 + Math.random() * 3_000 });
  options.onOpen?.(stream);
  let lastSent = options.since;
  let replaying = true;
  const buffered: PublishedChange[] = [];

  const deliver = (row: Row | PublishedChange) => {
    if (row.event.id <= lastSent) return;
    lastSent = row.event.id;
    stream.send({ id: row.event.id, event: options.event, data: options.toMessage(row) });
  };

  const unsubscribe = options.subscribe((change) => (replaying ? buffered.push(change) : deliver(change)));
  stream.onClose(unsubscribe);

  try {
    for (;;) {
      const rows = await options.replay(lastSent, REPLAY_PAGE);
      for (const row of rows) deliver(row);
      if (rows.length < REPLAY_PAGE || stream.closed) break;
    }
  } catch (error) {
    stream.close();
    throw error;
  }
  replaying = false;
  for (const change of buffered.sort((a, b) => a.event.id - b.event.id)) deliver(change);
  buffered.length = 0;
}
