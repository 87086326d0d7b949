import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyUserState } from "@/lib/events/apply-user-state";
import { pendingUser } from "@/test/fixtures/user-row";
import { eventBus, type PublishedChange } from "@/lib/events/event-bus";
import { openDatabase, queryRows, type DatabaseHandle } from "./client";
import { listUserEvents } from "./events";
import { PgliteWorkerClient } from "./pglite-worker-client";
import { users } from "./schema";
import { getUser, upsertUser } from "./users";

// The embedded database runs on its own thread (./pglite-worker-thread.ts); the app's main thread
// reaches it through ./pglite-worker-client.ts. What the rest of the app relies on: the same
// answers as an in-process database, transactions that hold, and an event loop left free.

let handle: DatabaseHandle;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-pglite-thread-"));
beforeAll(async () => {
  handle = await openDatabase({ dataDir });
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded database's thread", () => {
  it("leaves the event loop free while a long query runs", async () => {
    await handle.db.execute(
      sql.raw(`CREATE FUNCTION busy_sum(n int) RETURNS int LANGUAGE plpgsql AS $$
        DECLARE total int := 0;
        BEGIN FOR i IN 1..n LOOP total := total + 1; END LOOP; RETURN total; END $$`),
    );
    // The longest the loop went without running a 5 ms timer.
    let last = performance.now();
    let longestGapMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    // Pure CPU in the database (no temporary files, which PGlite would wait for asynchronously).
    const [result] = await queryRows<{ total: number }>(
      handle.db,
      sql`SELECT busy_sum(6000000) AS total`,
    );
    const tookMs = performance.now() - started;
    // A blocked loop runs its timer once it is free again: let it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(ticker);
    expect(Number(result?.total)).toBe(6_000_000);
    // The query kept the database busy for a long while (~400 ms here; at 2,000,000 a fast machine
    // finished in under 150), yet the loop never waited for it; in-process, PGlite's WebAssembly
    // would have blocked the loop for the whole query.
    expect(tookMs).toBeGreaterThan(150);
    expect(longestGapMs).toBeLessThan(tookMs / 2);
  });

  it("commits a transaction that returns and rolls back one that throws", async () => {
    await handle.db.transaction(async (tx) => {
      await upsertUser(tx, pendingUser("thread_kept"));
    });
    await expect(
      handle.db.transaction(async (tx) => {
        await upsertUser(tx, pendingUser("thread_rolled_back"));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");

    expect(await getUser(handle.db, "thread_kept")).toMatchObject({ userId: "thread_kept", status: "pending" });
    expect(await getUser(handle.db, "thread_rolled_back")).toBeUndefined();
  });

  it("brings PostgreSQL's error fields and typed values back across the thread", async () => {
    const failure: unknown = await handle.db
      .insert(users)
      .values({ ...pendingUser("thread_kept") })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect((failure as { cause?: unknown } | null)?.cause).toMatchObject({ code: "23505", constraint: "users_pkey" });

    const [row] = await handle.db.select().from(users).where(eq(users.userId, "thread_kept"));
    // A real moment (drizzle maps PostgreSQL's text itself; parsed twice it would be Invalid Date).
    expect(Math.abs(row!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(row?.requirements).toEqual({ email: true, sms: true });
    // Raw SQL sees timestamps as drizzle's PGlite driver shows them: PostgreSQL's text.
    const [raw] = await queryRows<{ at: unknown }>(handle.db, sql`SELECT now() AS at`);
    expect(typeof raw?.at).toBe("string");
  });

  it("writes a feed event in one message each way, then publishes it on this thread", async () => {
    // Every stream waits for this write: one round trip to the thread, not one per statement.
    const requests = vi.spyOn(PgliteWorkerClient.prototype, "request");
    const published: PublishedChange[] = [];
    const unsubscribe = eventBus().subscribeUser("thread_feed", (change) => published.push(change));
    try {
      const result = await applyUserState(handle.db, {
        user: { ...pendingUser("thread_feed"), status: "verified" },
        observedAtNs: 1_717_005_327_995_988_841n,
        kind: "feed",
      });
      expect(requests.mock.calls.map(([request]) => request.op)).toEqual(["query"]);
      expect(result.applied).toBe(true);
      expect(published.map(({ event, user: row }) => [event.id, event.kind, row.status])).toEqual([
        [result.event!.id, "feed", "verified"],
      ]);
      expect(Math.abs(published[0]!.event.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect((await listUserEvents(handle.db, "thread_feed")).map((event) => event.id)).toEqual([result.event!.id]);
    } finally {
      unsubscribe();
      requests.mockRestore();
    }
  });

  it("starts a new WAL segment without writing its 16 MB of zeros first", async () => {
    // The write that crosses into a new segment is a feed write that every stream waits for.
    await handle.db.execute(sql`SELECT pg_switch_wal()`);
    await upsertUser(handle.db, pendingUser("thread_after_wal_switch"));
    const [current] = await queryRows<{ segment: string }>(
      handle.db,
      sql`SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment`,
    );
    const segment = fs.statSync(path.join(dataDir, "pglite", "pg_wal", current!.segment));
    expect(segment.size).toBe(16 * 1024 * 1024);
    // What was written of it (allocated blocks): zero-filled, it would be all 16 MB.
    expect(segment.blocks * 512).toBeLessThan(1024 * 1024);
  });

  it("answers every query after close with a clear error", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-pglite-closed-"));
    const closed = await openDatabase({ dataDir: folder });
    await closed.close();
    // drizzle names the query; the reason is its cause.
    await expect(getUser(closed.db, "anyone")).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/embedded database has stopped/) },
    });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("keeps a script alive through close, so it goes on afterwards (a seed script, a benchmark)", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-pglite-script-"));
    const client = path.join(process.cwd(), "lib", "db", "client.ts");
    // Nothing else keeps this process alive while the database's thread shuts down.
    const script = `
      const { openDatabase } = await import(${JSON.stringify(client)});
      const handle = await openDatabase({ dataDir: ${JSON.stringify(folder)} });
      await handle.close();
      console.log("after close");`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", script],
      { cwd: process.cwd(), timeout: 60_000 },
    );
    expect(stdout).toContain("after close");
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
