import "server-only";
import type { PublishedChange } from "@/lib/events/event-bus";
import type { Logger } from "@/lib/log";

const PAGE = 500;

export interface EventLogFollowerOptions {
  /** Changes after an event id, oldest first, at most `limit`. */
  readAfter(afterId: number, limit: number): Promise<PublishedChange[]>;
  /** The newest event id now (where a fresh follower starts). */
  latestId(): Promise<number>;
  publish(change: PublishedChange): void;
  log: Logger;
  /** After a failed read, when to try again. */
  retryMs?: number;
}

export interface EventLogFollowerHealth {
  cursor: number | null;
  published: number;
  catchUps: number;
}

/**
 * How an instance on a shared PostgreSQL learns of every change, whoever wrote it: on each
 * NOTIFY (which carries no data it trusts) and after every (re)LISTEN, it reads the event log
 * after the last id it published, in id order, and publishes each change to its own streams.
 * Ids commit in increasing order (`appendEvents`), so reading "after the cursor" never skips one;
 * reads never overlap, and notifications that arrive during a read cost one more read at most.
 */
export class EventLogFollower {
  private cursor: number | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private published = 0;
  private catchUps = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: EventLogFollowerOptions) {}

  /** LISTEN is in place: start from the newest id the first time, else catch up from the cursor. */
  async listening(): Promise<void> {
    if (this.cursor === null) this.cursor = await this.options.latestId();
    else this.catchUps++;
    await this.drain();
  }

  /** A commit announced new entries. */
  notified(): void {
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  health(): EventLogFollowerHealth {
    return { cursor: this.cursor, published: this.published, catchUps: this.catchUps };
  }

  /** Reads and publishes everything after the cursor; resolves once caught up (never rejects). */
  drain(): Promise<void> {
    if (this.cursor === null || this.stopped) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.readAll()
      .catch((error: unknown) => {
        this.options.log.warn("event_log_read_failed", {
          error: error instanceof Error ? error.message : String(error),
        });
        if (this.stopped) return;
        // Nothing is lost: the cursor has not moved past what was not published.
        this.retryTimer = setTimeout(() => void this.drain(), this.options.retryMs ?? 1_000);
        this.retryTimer.unref();
      })
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }

  private async readAll(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const changes = await this.options.readAfter(this.cursor!, PAGE);
        for (const change of changes) {
          if (this.stopped) return;
          this.options.publish(change);
          this.cursor = change.event.id;
          this.published++;
        }
        if (changes.length < PAGE) break;
      }
    } while (this.again && !this.stopped);
  }
}
