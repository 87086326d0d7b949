import "server-only";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { getDb, type Database } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { applyUserStates } from "@/lib/events/apply-user-state";
import { eventBus } from "@/lib/events/event-bus";
import { reconcileUsers } from "@/lib/events/reconcile";
import { Reconciler, type ReconcilerHealth } from "@/lib/events/reconciler";
import { log, type Logger } from "@/lib/log";
import { sfox, type SfoxClient } from "@/lib/sfox/client";
import { FeedSubscriber, type FeedHealth, type FeedSubscriberOptions } from "@/lib/sfox/feed-subscriber";
import { dedicatedConnections } from "./pg-connection";
import { createSharedRealtime, type ClusterHealth } from "./shared-realtime";
import { openStreams } from "./stream-stats";

export interface Realtime {
  subscriber: FeedSubscriber;
  reconciler: Reconciler;
  stop(): Promise<void>;
}

export interface RealtimeHealth {
  /** sFOX's feed: this instance's subscription, or on a shared database the leader's (relayed). */
  feed: FeedHealth;
  /** This instance's reconciliations; null on an instance that does not hold the feed. */
  reconciliation: ReconcilerHealth | null;
  /** Leadership and the event-log follower, with a shared PostgreSQL; null on the embedded database. */
  cluster: ClusterHealth | null;
  streams: { onboarding: number; admin: number; listeners: number };
  /** How late this process's event loop ran in the last 10-second window (a busy loop delays every stream). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

/** What this process runs: one subscription (embedded database), or its share of a cluster. */
interface ProcessRealtime {
  feed(): FeedHealth;
  reconciliation(): ReconcilerHealth | null;
  cluster(): ClusterHealth | null;
  stop(): Promise<void>;
}

// One per process: instrumentation and route handlers are separate module graphs.
const globalForRealtime = globalThis as typeof globalThis & {
  __sfoxRealtime?: ProcessRealtime;
  __sfoxLoopDelay?: { histogram: IntervalHistogram; lastWindow: RealtimeHealth["eventLoopDelayMs"] };
};

const LOOP_WINDOW_MS = 10_000;

export interface RealtimeDeps {
  db: () => Promise<Database>;
  client: SfoxClient;
  wsUrl: string;
  apiKey: string;
  /** Minimum time between two reconciliations. */
  reconcileIntervalMs?: number;
  feed?: Partial<
    Pick<FeedSubscriberOptions, "backoffBaseMs" | "backoffMaxMs" | "authRetryMs" | "pingIntervalMs" | "pongTimeoutMs" | "random">
  >;
  log?: Logger;
}

/**
 * The one upstream subscription and what hangs off it: every feed update is applied to the
 * database (which publishes it to the streams), and every (re)connect or sequence gap triggers a
 * reconciliation with sFOX's list, so nothing sent while disconnected is lost.
 */
export function createRealtime(deps: RealtimeDeps): Realtime {
  const logger = deps.log ?? log;
  const reconciler = new Reconciler(
    async () => {
      const outcome = await reconcileUsers(await deps.db(), deps.client);
      logger.info("sfox_reconciled", { ...outcome });
    },
    deps.reconcileIntervalMs ?? 5_000,
    (error) => logger.warn("sfox_reconcile_failed", { error: error instanceof Error ? error.message : String(error) }),
  );
  const subscriber = new FeedSubscriber({
    ...deps.feed,
    url: deps.wsUrl,
    apiKey: deps.apiKey,
    log: logger,
    onUserUpdates: async (updates) => {
      await applyUserStates(
        await deps.db(),
        updates.map(({ update, timestampNs }) => ({
          user: update,
          observedAtNs: timestampNs,
          kind: "feed",
          token: update.token,
        })),
      );
    },
    onResync: () => reconciler.request(),
  });
  subscriber.start();
  return {
    subscriber,
    reconciler,
    stop: async () => {
      await subscriber.stop();
      await reconciler.stop();
    },
  };
}

/**
 * Starts this process's realtime pipeline from the configuration (once; later calls return it).
 * On the embedded database the process holds the feed and publishes in-process; with
 * `DATABASE_URL` it joins the instances sharing that database (`createSharedRealtime`).
 */
export function startRealtime(): ProcessRealtime {
  if (globalForRealtime.__sfoxRealtime) return globalForRealtime.__sfoxRealtime;
  const env = getEnv();
  if (!globalForRealtime.__sfoxLoopDelay) {
    const loop = {
      histogram: monitorEventLoopDelay({ resolution: 10 }),
      lastWindow: { p50: 0, p99: 0, max: 0 },
    };
    loop.histogram.enable();
    setInterval(() => {
      loop.lastWindow = summarise(loop.histogram);
      loop.histogram.reset();
    }, LOOP_WINDOW_MS).unref();
    globalForRealtime.__sfoxLoopDelay = loop;
  }
  const startFeed = () => createRealtime({ db: getDb, client: sfox(), wsUrl: env.sfox.wsUrl, apiKey: env.sfox.apiKey });
  let running: ProcessRealtime;
  if (env.databaseUrl) {
    running = createSharedRealtime({
      db: getDb,
      connect: dedicatedConnections(env.databaseUrl),
      startFeed,
      log,
    });
  } else {
    const realtime = startFeed();
    running = {
      feed: () => realtime.subscriber.health(),
      reconciliation: () => realtime.reconciler.health(),
      cluster: () => null,
      stop: () => realtime.stop(),
    };
  }
  globalForRealtime.__sfoxRealtime = {
    ...running,
    stop: async () => {
      await running.stop();
      globalForRealtime.__sfoxRealtime = undefined;
    },
  };
  return globalForRealtime.__sfoxRealtime;
}

export function realtimeHealth(): RealtimeHealth | null {
  const realtime = globalForRealtime.__sfoxRealtime;
  if (!realtime) return null;
  return {
    feed: realtime.feed(),
    reconciliation: realtime.reconciliation(),
    cluster: realtime.cluster(),
    streams: { ...openStreams(), listeners: eventBus().listenerCount() },
    eventLoopDelayMs: loopDelay(),
  };
}

function loopDelay(): RealtimeHealth["eventLoopDelayMs"] {
  return globalForRealtime.__sfoxLoopDelay?.lastWindow ?? { p50: 0, p99: 0, max: 0 };
}

function summarise(histogram: IntervalHistogram): RealtimeHealth["eventLoopDelayMs"] {
  if (histogram.count === 0) return { p50: 0, p99: 0, max: 0 };
  const ms = (ns: number) => Math.round(ns / 10_000) / 100;
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}
