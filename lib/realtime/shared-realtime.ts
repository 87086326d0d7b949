import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { EVENT_LOG_CHANNEL, latestEventId, listEventsWithUsersAfter } from "@/lib/db/events";
import { eventBus } from "@/lib/events/event-bus";
import type { ReconcilerHealth } from "@/lib/events/reconciler";
import type { Logger } from "@/lib/log";
import type { FeedHealth } from "@/lib/sfox/feed-subscriber";
import { EventLogFollower, type EventLogFollowerHealth } from "./event-log-follower";
import { FeedLeadership, type LeadershipHealth } from "./feed-leadership";
import type { ConnectDedicated } from "./pg-connection";
import { PgListener } from "./pg-listener";
import type { Realtime } from "./runtime";

/** The leader tells the others how sFOX's feed is doing, so every instance's admins see it. */
const FEED_HEALTH_CHANNEL = "sfox_feed_health";
const FEED_HEALTH_EVERY_MS = 2_000;
/** A leader not heard from for this long is gone (a takeover takes a few seconds). */
const FEED_HEALTH_FRESH_MS = 10_000;

export interface ClusterHealth {
  leadership: LeadershipHealth;
  eventLog: EventLogFollowerHealth & { listening: boolean; listenReconnects: number };
}

export interface SharedRealtime {
  feed(): FeedHealth;
  reconciliation(): ReconcilerHealth | null;
  cluster(): ClusterHealth;
  stop(): Promise<void>;
}

export interface SharedRealtimeDeps {
  db: () => Promise<Database>;
  connect: ConnectDedicated;
  /** Starts this instance's upstream subscription (when it becomes the leader). */
  startFeed(): Realtime;
  log: Logger;
  leadership?: { retryMs?: number; checkMs?: number };
}

/**
 * Realtime for several instances on one PostgreSQL (`DATABASE_URL`):
 * - one of them, elected by an advisory lock, holds sFOX's feed and writes what it says;
 * - every one of them (the leader too) follows the shared event log through LISTEN/NOTIFY and
 *   publishes each change to its own streams, so a browser gets every change whichever instance
 *   it is connected to, with the log's ids for `Last-Event-ID`.
 */
export function createSharedRealtime(deps: SharedRealtimeDeps): SharedRealtime {
  const follower = new EventLogFollower({
    readAfter: async (afterId, limit) => listEventsWithUsersAfter(await deps.db(), afterId, limit),
    latestId: async () => latestEventId(await deps.db()),
    publish: (change) => eventBus().publish(change),
    log: deps.log,
  });
  let leaderFeed: { health: FeedHealth; receivedAt: number } | null = null;
  const listener = new PgListener({
    connect: deps.connect,
    channels: [EVENT_LOG_CHANNEL, FEED_HEALTH_CHANNEL],
    onNotification: (channel, payload) => {
      if (channel === EVENT_LOG_CHANNEL) return follower.notified();
      // Anyone with access to the database can NOTIFY: a payload that is not JSON is ignored, not thrown.
      try {
        leaderFeed = { health: JSON.parse(payload) as FeedHealth, receivedAt: Date.now() };
      } catch {
        deps.log.warn("feed_health_unreadable", { length: payload.length });
      }
    },
    onListening: () => follower.listening(),
    log: deps.log,
  });

  let feed: { realtime: Realtime; announcer: NodeJS.Timeout } | null = null;
  const announce = async (health: FeedHealth) => {
    try {
      await (await deps.db()).execute(sql`SELECT pg_notify(${FEED_HEALTH_CHANNEL}, ${JSON.stringify(health)})`);
    } catch {
      // The next announcement will do; the database's trouble is reported elsewhere.
    }
  };
  const leadership = new FeedLeadership({
    connect: deps.connect,
    onElected: () => {
      const realtime = deps.startFeed();
      const announcer = setInterval(() => void announce(realtime.subscriber.health()), FEED_HEALTH_EVERY_MS);
      announcer.unref();
      feed = { realtime, announcer };
    },
    onDeposed: async () => {
      if (!feed) return;
      clearInterval(feed.announcer);
      const { realtime } = feed;
      feed = null;
      await realtime.stop();
    },
    log: deps.log,
    ...deps.leadership,
  });

  listener.start();
  leadership.start();

  return {
    feed: () => {
      if (feed) return feed.realtime.subscriber.health();
      if (leaderFeed && Date.now() - leaderFeed.receivedAt < FEED_HEALTH_FRESH_MS) return leaderFeed.health;
      return {
        state: "disconnected",
        connected: false,
        lastSequence: null,
        lastEventAt: null,
        reconnects: 0,
        lastError: "No instance has reported holding sFOX's feed in the last 10 s.",
      };
    },
    reconciliation: () => feed?.realtime.reconciler.health() ?? null,
    cluster: () => {
      const { listening, reconnects } = listener.health();
      return {
        leadership: leadership.health(),
        eventLog: { ...follower.health(), listening, listenReconnects: reconnects },
      };
    },
    stop: async () => {
      await leadership.stop();
      follower.stop();
      await listener.stop();
    },
  };
}
