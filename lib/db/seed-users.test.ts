import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type DatabaseHandle } from "./client";
import { events, users, type UserRow } from "./schema";
import { seedUsers } from "./seed-users";

const COUNT = 2_000;
const HISTORY = 250;
const NOW = new Date("2024-06-01T12:00:00Z");
const DAY_MS = 86_400_000;

let handle: DatabaseHandle;
let dataDir: string | undefined;
let first: Awaited<ReturnType<typeof seedUsers>>;
let seeded: UserRow[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-seed-"));
  handle = await openDatabase({ dataDir });
  const progress: number[] = [];
  first = await seedUsers(handle.db, {
    count: COUNT,
    prefix: "one",
    historyOfFirst: HISTORY,
    now: NOW,
    onProgress: (done) => progress.push(done),
  });
  expect(progress).toEqual([1_000, 2_000]);
  seeded = await usersWithPrefix("one");
});
afterAll(async () => {
  await handle?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function usersWithPrefix(prefix: string): Promise<UserRow[]> {
  return handle.db
    .select()
    .from(users)
    .where(like(users.userId, `${prefix}-%`))
    .orderBy(users.userId);
}

/** A user's data without its ids, to compare two seedings made under different prefixes. */
function withoutIds(row: UserRow, prefix: string) {
  const { userId: _userId, advisorUserId, ...rest } = row;
  return { ...rest, advisor: advisorUserId?.slice(prefix.length) ?? null };
}

describe("seedUsers", () => {
  it("creates the users it says, ids numbered from 1 under the prefix, one event each or two", async () => {
    expect(first).toMatchObject({ users: COUNT, firstUserId: "one-000001" });
    expect(seeded).toHaveLength(COUNT);
    expect(seeded[0]?.userId).toBe("one-000001");
    expect(seeded.at(-1)?.userId).toBe("one-002000");
    const [stored] = await queryRows<{ total: number }>(
      handle.db,
      sql`SELECT count(*)::int AS total FROM events WHERE user_id LIKE 'one-%'`,
    );
    expect(stored?.total).toBe(first.events);
    const notPending = seeded.filter((row) => row.status !== "pending").length;
    expect(first.events).toBe(COUNT + notPending + HISTORY);
  });

  it("is deterministic: the same seed and clock give the same users, another seed others", async () => {
    // Each user's draws follow the previous users' only, so a shorter seeding is the longer one's start.
    const some = 500;
    await seedUsers(handle.db, { count: some, prefix: "two", now: NOW });
    await seedUsers(handle.db, { count: some, prefix: "three", seed: 7, now: NOW });
    const again = await usersWithPrefix("two");
    const other = await usersWithPrefix("three");
    expect(again.map((row) => withoutIds(row, "two"))).toEqual(
      seeded.slice(0, some).map((row) => withoutIds(row, "one")),
    );
    const differing = other.filter((row, i) => row.email !== seeded[i]?.email).length;
    expect(differing).toBeGreaterThan(some / 2);
  });

  it("spreads types, roles and statuses as documented", () => {
    // Within three standard deviations of the documented share (2,000 users: about ±2.5 points at 15%).
    const expectShare = (test: (row: UserRow) => boolean, expected: number) => {
      const tolerance = 3 * Math.sqrt((expected * (1 - expected)) / COUNT);
      expect(Math.abs(seeded.filter(test).length / COUNT - expected)).toBeLessThan(tolerance);
    };
    expectShare((row) => row.accountType === "corporation", 0.15);
    expectShare((row) => row.accountRole === "advisor", 0.05);
    expectShare((row) => row.status === "pending", 0.55);
    expectShare((row) => row.status === "verified", 0.4);
    expectShare((row) => row.status === "unsupported", 0.05);
    // One client in ten names an advisor, always one seeded before it.
    expectShare((row) => row.advisorUserId !== null, 0.95 * 0.1);
    const advisors = new Set(seeded.filter((row) => row.accountRole === "advisor").map((row) => row.userId));
    const linked = seeded.filter((row) => row.advisorUserId !== null);
    for (const row of linked) {
      expect(advisors.has(row.advisorUserId!)).toBe(true);
      expect(row.advisorUserId! < row.userId).toBe(true);
      expect(row.accountRole).toBe("client");
    }
  });

  it("gives consistent rows: requirements met once decided, searchable contact data, times in the last 180 days", () => {
    for (const row of seeded) {
      if (row.status !== "pending") expect(row.requirements).toEqual({ email: false, sms: false });
      if (row.accountType === "corporation") expect(row.requirements.sms).toBe(false);
      expect(row.email).toBe(row.email.toLowerCase());
      expect(row.email).toMatch(/^[a-z.]+\.\d+@example\.com$/);
      expect(row.phoneNumber).toMatch(/^\+1415\d{7}$/);
      expect(row.createdAt.getTime()).toBeGreaterThan(NOW.getTime() - 180 * DAY_MS);
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(row.updatedAt.getTime());
      expect(row.updatedAt.getTime()).toBeLessThanOrEqual(
        Math.min(NOW.getTime(), row.createdAt.getTime() + 7 * DAY_MS),
      );
      expect(row.sfoxUpdatedNs).toBe(BigInt(row.updatedAt.getTime()) * 1_000_000n);
      expect(row.userTokenEncrypted).toBeNull();
    }
    expect(new Set(seeded.map((row) => row.email)).size).toBe(COUNT);
    expect(new Set(seeded.map((row) => row.phoneNumber)).size).toBe(COUNT);
  });

  it("gives the first user the long history on top of its own events", async () => {
    const history = await handle.db.select().from(events).where(eq(events.userId, "one-000001"));
    expect(history.length).toBeGreaterThanOrEqual(HISTORY + 1);
    expect(history.filter((event) => event.kind === "registered")).toHaveLength(1);
    const second = await handle.db.select().from(events).where(eq(events.userId, "one-000002"));
    expect(second.length).toBeLessThanOrEqual(2);
  });

  it("leaves fresh planner statistics behind", async () => {
    const [stats] = await queryRows<{ reltuples: number }>(
      handle.db,
      sql`SELECT reltuples FROM pg_class WHERE relname = 'users'`,
    );
    expect(Number(stats?.reltuples)).toBeGreaterThanOrEqual(COUNT);
  });
});
