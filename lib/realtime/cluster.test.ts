// Several app instances on one PostgreSQL, reduced to their coordinating parts: two candidates for
// the feed's leadership, and two event-log followers fed by concurrent writers.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { EVENT_LOG_CHANNEL, latestEventId, listEventsWithUsersAfter } from "@/lib/db/events";
import { applyUserStates } from "@/lib/events/apply-user-state";
import { eventBus, type PublishedChange } from "@/lib/events/event-bus";
import type { Logger } from "@/lib/log";
import { startTestPostgres, type TestPostgres } from "@/test/postgres";
import { EventLogFollower } from "./event-log-follower";
import { FeedLeadership } from "./feed-leadership";
import { dedicatedConnections, type ConnectDedicated } from "./pg-connection";
import { PgListener } from "./pg-listener";

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let postgres: TestPostgres;
let instanceA: DatabaseHandle;
let instanceB: DatabaseHandle;
let connect: ConnectDedicated;

beforeAll(async () => {
  postgres = await startTestPostgres();
  instanceA = await openDatabase({ databaseUrl: postgres.url });
  instanceB = await openDatabase({ databaseUrl: postgres.url });
  connect = dedicatedConnections(postgres.url);
});
afterAll(async () => {
  await instanceA?.close();
  await instanceB?.close();
  await postgres?.stop();
});

async function until<T>(read: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Ends, from the server side, the connections of one purpose (as a crash or a network cut would). */
async function terminate(applicationName: string, onlyLockHolders = false): Promise<number> {
  // Test-only statements with no outside input.
  const result = await instanceA.db.execute(
    onlyLockHolders
      ? sql.raw(`SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
                 WHERE a.application_name = '${applicationName}' AND l.locktype = 'advisory' AND l.granted`)
      : sql.raw(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${applicationName}'`),
  );
  return (result as unknown as { rows: unknown[] }).rows.length;
}

describe("feed leadership on a shared PostgreSQL", () => {
  it("elects one leader of two; when the leader's connection dies the other takes over within 5 s", async () => {
    const log: string[] = [];
    const candidate = (name: string) =>
      new FeedLeadership({
        connect,
        onElected: () => log.push(`${name} elected`),
        onDeposed: async () => {
          log.push(`${name} deposed`);
        },
        log: quiet,
        retryMs: 250,
        checkMs: 1_000,
      });
    const a = candidate("a");
    const b = candidate("b");
    a.start();
    b.start();
    try {
      await until(() => log.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(log).toHaveLength(1);
      const [first] = log[0]!.split(" ");
      const [leader, other] = first === "a" ? [a, b] : [b, a];
      expect(leader.health().role).toBe("leader");
      expect(other.health().role).toBe("candidate");

      const killedAt = Date.now();
      expect(await terminate("sfox-onboarding feed leader", true)).toBe(1);
      await until(() => other.health().role === "leader");
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await until(() => leader.health().role === "candidate");
      // The old leader stepped down and stays a candidate: never two leaders.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([leader.health().role, other.health().role].sort()).toEqual(["candidate", "leader"]);
      expect(log.slice(1).sort()).toEqual([`${first} deposed`, `${first === "a" ? "b" : "a"} elected`].sort());
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe("publishing on a shared PostgreSQL", () => {
  it("leaves every change to the log followers: a writer publishing its own changes too could send a newer id before an older one another instance wrote", async () => {
    const published: number[] = [];
    const unsubscribe = eventBus().subscribeAll((change) => published.push(change.event.id));
    try {
      const [result] = await applyUserStates(instanceA.db, [
        {
          user: {
            userId: "cluster-publish",
            accountType: "individual",
            accountRole: "client",
            status: "pending",
            requirements: { email: true, sms: true },
            firstName: "Test",
            lastName: "Publisher",
            email: "cluster-publish@example.test",
            phoneNumber: "+15555550100",
          },
          observedAtNs: BigInt(Date.now()) * 1_000_000n,
          kind: "feed",
        },
      ]);
      expect(result?.event).not.toBeNull();
      expect(published).toEqual([]);
    } finally {
      unsubscribe();
    }
  });
});

describe("event-log followers on a shared PostgreSQL", () => {
  function follower(name: string, db: DatabaseHandle) {
    const received: PublishedChange[] = [];
    const follow = new EventLogFollower({
      readAfter: (afterId, limit) => listEventsWithUsersAfter(db.db, afterId, limit),
      latestId: () => latestEventId(db.db),
      publish: (change) => received.push(change),
      log: quiet,
    });
    const listener = new PgListener({
      connect: (purpose) => connect(`${purpose} ${name}`),
      channels: [EVENT_LOG_CHANNEL],
      onNotification: () => follow.notified(),
      onListening: () => follow.listening(),
      log: quiet,
      reconnectMs: 100,
    });
    listener.start();
    return {
      received,
      follow,
      listener,
      stop: async () => {
        follow.stop();
        await listener.stop();
      },
    };
  }

  it("gives every instance every change exactly once, in id order, whichever instance wrote it; one whose connection drops catches up", async () => {
    const a = follower("a", instanceA);
    const b = follower("b", instanceB);
    try {
      await until(
        () =>
          a.listener.health().listening &&
          b.listener.health().listening &&
          a.follow.health().cursor !== null &&
          b.follow.health().cursor !== null,
      );
      const startId = await latestEventId(instanceA.db);

      // Four writers on two instances, interleaving: ids are taken in one order and must commit in it.
      let ns = BigInt(Date.now()) * 1_000_000n;
      const writer = async (writerIndex: number, db: DatabaseHandle) => {
        for (let i = 0; i < 40; i++) {
          const userId = `cluster-${writerIndex}-${i % 5}`;
          await applyUserStates(db.db, [
            {
              user: {
                userId,
                accountType: "individual",
                accountRole: "client",
                status: i % 2 === 0 ? "verified" : "pending",
                requirements: { email: true, sms: i % 2 === 0 },
                firstName: "Test",
                lastName: `Writer ${writerIndex}`,
                email: `${userId}@example.test`,
                phoneNumber: "+15555550100",
              },
              observedAtNs: (ns += 1_000n),
              kind: "feed",
            },
          ]);
          if (writerIndex === 0 && i === 20) expect(await terminate("sfox-onboarding event log listener b")).toBe(1);
        }
      };
      await Promise.all([writer(0, instanceA), writer(1, instanceB), writer(2, instanceA), writer(3, instanceB)]);
      const endId = await latestEventId(instanceA.db);
      expect(endId - startId).toBe(160);

      const expected = Array.from({ length: 160 }, (_, i) => startId + i + 1);
      await until(() => a.received.length >= 160 && b.received.length >= 160);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(a.received.map((change) => change.event.id)).toEqual(expected);
      expect(b.received.map((change) => change.event.id)).toEqual(expected);
      expect(b.listener.health().reconnects).toBe(1);
      expect(b.follow.health().catchUps).toBe(1);
      // Each change carries its user's row, as the streams need it.
      expect(a.received.every((change) => change.user.userId === change.event.userId)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
