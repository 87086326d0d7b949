import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_USER_LIST_QUERY, type UserListQuery } from "@/lib/admin/user-list-query";
import { openDatabase, queryRows, type DatabaseHandle } from "./client";
import { users, type NewUserRow } from "./schema";
import { seedUsers } from "./seed-users";
import {
  countUsersByTab,
  iterateUsersForExport,
  listClientsOfAdvisor,
  listUsersPage,
  searchCondition,
} from "./user-list";

/** A fresh embedded database per suite, removed afterwards. */
function useDatabase(): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined;
  let dataDir: string | undefined;
  // Made in the hook, not at collection: a suite filtered out with -t leaves no folder behind.
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-user-list-"));
    handle = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    await handle?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return () => handle!;
}

const query = (change: Partial<UserListQuery>): UserListQuery => ({ ...DEFAULT_USER_LIST_QUERY, ...change });
const ids = (rows: ReadonlyArray<{ userId: string }>) => rows.map((row) => row.userId);

function userRow(userId: string, change: Partial<NewUserRow> = {}): NewUserRow {
  return {
    userId,
    accountType: "individual",
    accountRole: "client",
    status: "pending",
    requirements: { email: true, sms: true },
    firstName: "Filler",
    lastName: "Person",
    email: `${userId}@filler.example`,
    phoneNumber: "+14155550100",
    createdAt: new Date("2024-01-01T00:00:00Z"),
    updatedAt: new Date("2024-01-01T00:00:00Z"),
    ...change,
  };
}

const MINUTE = 60_000;
const BASE = Date.parse("2024-02-01T00:00:00Z");
const STATUSES = ["pending", "verified", "unsupported"] as const;

// Fifty ordinary users: every three share a creation time (ties for the user_id to break), their
// last changes run the other way, and statuses, types and roles vary in a known pattern.
const filler: NewUserRow[] = Array.from({ length: 50 }, (_, i) =>
  userRow(`ul-f${String(i + 1).padStart(3, "0")}`, {
    status: STATUSES[i % 3],
    accountType: i % 4 === 0 ? "corporation" : "individual",
    accountRole: i % 5 === 0 ? "advisor" : "client",
    createdAt: new Date(BASE + Math.floor(i / 3) * MINUTE),
    updatedAt: new Date(BASE + (100 - i) * MINUTE),
  }),
);
// Users the searches look for, created after the filler.
const named: NewUserRow[] = [
  userRow("ul-ada", { firstName: "Ada", lastName: "Lovelace", email: "ada.lovelace@example.com" }),
  userRow("ul-grace", {
    firstName: "Grace",
    lastName: "Hopper",
    email: "grace@navy.example",
    status: "verified",
    accountRole: "advisor",
  }),
  userRow("ul-acme", {
    firstName: "Acme",
    lastName: "Capital LLC",
    email: "ops@acme.example",
    status: "verified",
    accountType: "corporation",
  }),
  userRow("ul-percy", {
    firstName: "Percy",
    lastName: "100% Real",
    email: "percy@example.com",
    status: "unsupported",
  }),
  userRow("ul-una", { firstName: "Una", lastName: "Score", email: "una_score@example.com" }),
  userRow("ul-bob", { firstName: "Bob", lastName: "Back\\Slash", email: "bob@example.com" }),
  userRow("ul-client-1", {
    firstName: "Client",
    lastName: "One",
    email: "c1@example.com",
    advisorUserId: "ul-grace",
  }),
  userRow("ul-client-2", {
    firstName: "Client",
    lastName: "Two",
    email: "c2@example.com",
    advisorUserId: "ul-grace",
  }),
].map((row, i) => ({
  ...row,
  createdAt: new Date(BASE + (100 + i) * MINUTE),
  updatedAt: new Date(BASE + i * MINUTE),
}));
const everyone = [...filler, ...named];

/** The order the list promises: the sorted timestamp, then user_id, both in the same direction. */
function expectedOrder(rows: NewUserRow[], sort: "created" | "changed", direction: "asc" | "desc"): string[] {
  const time = (row: NewUserRow) => (sort === "created" ? row.createdAt : row.updatedAt) as Date;
  const sign = direction === "asc" ? 1 : -1;
  return [...rows]
    .sort((a, b) => sign * (time(a).getTime() - time(b).getTime() || (a.userId < b.userId ? -1 : 1)))
    .map((row) => row.userId);
}

describe("the users list", () => {
  const database = useDatabase();
  beforeAll(async () => {
    await database().db.insert(users).values(everyone);
  });

  it("shows each tab's users and counts every tab at once", async () => {
    const db = database().db;
    const byStatus = (status: string) =>
      everyone
        .filter((row) => row.status === status)
        .map((row) => row.userId)
        .sort();
    expect(await countUsersByTab(db, query({}))).toEqual({
      pending: byStatus("pending").length,
      verified: byStatus("verified").length,
      unsupported: byStatus("unsupported").length,
      all: everyone.length,
    });
    for (const tab of STATUSES) {
      const rows = await listUsersPage(db, query({ tab, pageSize: 100 }));
      expect(ids(rows).sort()).toEqual(byStatus(tab));
    }
    expect(await listUsersPage(db, query({ tab: "all", pageSize: 100 }))).toHaveLength(everyone.length);
  });

  it("filters by account type and role, in the rows and in the counts", async () => {
    const db = database().db;
    const corporations = everyone.filter((row) => row.accountType === "corporation");
    const advisors = everyone.filter((row) => row.accountRole === "advisor");
    expect(
      ids(await listUsersPage(db, query({ tab: "all", accountType: "corporation", pageSize: 100 }))).sort(),
    ).toEqual(ids(corporations).sort());
    expect(
      ids(await listUsersPage(db, query({ tab: "all", role: "advisor", pageSize: 100 }))).sort(),
    ).toEqual(ids(advisors).sort());

    const verifiedCorporateAdvisors = everyone.filter(
      (row) =>
        row.accountType === "corporation" && row.accountRole === "advisor" && row.status === "verified",
    );
    expect(verifiedCorporateAdvisors.length).toBeGreaterThan(0);
    const both = { accountType: "corporation", role: "advisor" } as const;
    expect(ids(await listUsersPage(db, query({ tab: "verified", ...both })))).toEqual(
      expectedOrder(verifiedCorporateAdvisors, "created", "desc"),
    );
    const counts = await countUsersByTab(db, query(both));
    expect(counts.verified).toBe(verifiedCorporateAdvisors.length);
    expect(counts.all).toBe(
      everyone.filter((row) => row.accountType === "corporation" && row.accountRole === "advisor").length,
    );
  });

  it("searches names, emails and user ids for a fragment, whatever its case", async () => {
    const db = database().db;
    const search = async (text: string) =>
      ids(await listUsersPage(db, query({ tab: "all", search: text, pageSize: 100 }))).sort();
    expect(await search("lovelace")).toEqual(["ul-ada"]);
    expect(await search("LOVEL")).toEqual(["ul-ada"]);
    expect(await search("ada lov")).toEqual(["ul-ada"]);
    expect(await search("navy.exa")).toEqual(["ul-grace"]);
    expect(await search("Capital llc")).toEqual(["ul-acme"]);
    expect(await search("UL-F01")).toEqual(
      Array.from({ length: 10 }, (_, i) => `ul-f${String(10 + i).padStart(3, "0")}`),
    );
    expect(await search("nobody-has-this")).toEqual([]);
    expect((await countUsersByTab(db, query({ search: "client" }))).all).toBe(2);
  });

  it("treats %, _ and \\ in the search as the characters themselves", async () => {
    const db = database().db;
    const search = async (text: string) =>
      ids(await listUsersPage(db, query({ tab: "all", search: text, pageSize: 100 }))).sort();
    expect(await search("%")).toEqual(["ul-percy"]);
    expect(await search("0% r")).toEqual(["ul-percy"]);
    expect(await search("_")).toEqual(["ul-una"]);
    expect(await search("a_s")).toEqual(["ul-una"]);
    expect(await search("k\\s")).toEqual(["ul-bob"]);
  });

  it("sorts by creation or last change, both ways, breaking ties by user id", async () => {
    const db = database().db;
    for (const sort of ["created", "changed"] as const) {
      for (const direction of ["desc", "asc"] as const) {
        const rows = await listUsersPage(db, query({ tab: "all", sort, direction, pageSize: 100 }));
        expect(ids(rows), `${sort} ${direction}`).toEqual(expectedOrder(everyone, sort, direction));
      }
    }
  });

  it("pages through every user once, without repeats or gaps, in both directions", async () => {
    const db = database().db;
    for (const direction of ["desc", "asc"] as const) {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const rows = await listUsersPage(db, query({ tab: "all", direction, page, pageSize: 25 }));
        if (rows.length === 0) break;
        expect(rows.length).toBeLessThanOrEqual(25);
        seen.push(...ids(rows));
      }
      expect(seen).toEqual(expectedOrder(everyone, "created", direction));
    }
  });

  it("lists an advisor's clients, newest first", async () => {
    const db = database().db;
    expect(ids(await listClientsOfAdvisor(db, "ul-grace"))).toEqual(["ul-client-2", "ul-client-1"]);
    expect(ids(await listClientsOfAdvisor(db, "ul-grace", 1))).toEqual(["ul-client-2"]);
    expect(await listClientsOfAdvisor(db, "ul-ada")).toEqual([]);
  });
});

describe("the CSV export's batches", () => {
  const database = useDatabase();
  // 2,345 users created within one millisecond: microseconds apart (and some at the very same
  // microsecond), in an order unrelated to their ids. A cursor that lost the microseconds would
  // skip or repeat rows at every batch boundary.
  const burst = Array.from({ length: 2_345 }, (_, i) => ({
    userId: `ub-${String(i).padStart(5, "0")}`,
    micros: (i * 7_919) % 1_000,
    status: i % 5 === 0 ? ("verified" as const) : ("pending" as const),
  }));
  beforeAll(async () => {
    const rows = burst.map((user) => ({
      ...userRow(user.userId, { status: user.status }),
      createdAt: sql`${`2024-03-01 12:00:00.123${String(user.micros).padStart(3, "0")}+00`}::timestamptz`,
    }));
    for (let start = 0; start < rows.length; start += 500) {
      await database()
        .db.insert(users)
        .values(rows.slice(start, start + 500));
    }
  });

  async function exported(
    tab: "all" | "pending",
    batchSize: number,
  ): Promise<{ batches: number[]; rows: string[] }> {
    const batches: number[] = [];
    const rows: string[] = [];
    for await (const batch of iterateUsersForExport(
      database().db,
      { tab, accountType: null, role: null, search: "" },
      batchSize,
    )) {
      batches.push(batch.length);
      rows.push(...ids(batch));
    }
    return { batches, rows };
  }

  const inDatabaseOrder = async (where: ReturnType<typeof sql>) =>
    (
      await queryRows<{ user_id: string }>(
        database().db,
        sql`SELECT user_id FROM users WHERE ${where} ORDER BY created_at DESC, user_id DESC`,
      )
    ).map((row) => row.user_id);

  it("yields every row exactly once, in order, across batch boundaries inside one millisecond", async () => {
    const distinctMillis = await queryRows<{ n: number }>(
      database().db,
      sql`SELECT count(DISTINCT date_trunc('milliseconds', created_at))::int AS n FROM users`,
    );
    expect(distinctMillis[0]?.n).toBe(1);

    const { batches, rows } = await exported("all", 100);
    expect(batches).toEqual([...Array.from({ length: 23 }, () => 100), 45]);
    expect(new Set(rows).size).toBe(burst.length);
    expect(rows).toEqual(await inDatabaseOrder(sql`true`));
  });

  it("follows the list's sort: by last change, oldest first", async () => {
    const rows: string[] = [];
    for await (const batch of iterateUsersForExport(
      database().db,
      { tab: "all", accountType: null, role: null, search: "", sort: "changed", direction: "asc" },
      70,
    )) {
      rows.push(...ids(batch));
    }
    const expected = (
      await queryRows<{ user_id: string }>(database().db, sql`SELECT user_id FROM users ORDER BY updated_at ASC, user_id ASC`)
    ).map((row) => row.user_id);
    expect(rows).toEqual(expected);
  });

  it("keeps to the tab, and never yields an empty batch when the rows divide evenly", async () => {
    const pending = burst.filter((user) => user.status === "pending").length;
    expect(pending % 4).toBe(0);
    const { batches, rows } = await exported("pending", pending / 4);
    expect(batches).toEqual(Array.from({ length: 4 }, () => pending / 4));
    expect(rows).toEqual(await inDatabaseOrder(sql`status = 'pending'`));
  });
});

describe("the search's index", () => {
  const database = useDatabase();
  beforeAll(async () => {
    // Enough rows (seedUsers ends with ANALYZE) that the planner prefers the index: below ~10,000
    // it rightly reads the whole table instead.
    await seedUsers(database().db, { count: 20_000, prefix: "plan", now: new Date("2024-06-01T00:00:00Z") });
  });

  it("answers a selective search from user_search_text_trgm_idx, not by reading every row", async () => {
    const db = database().db;
    const plan = async (search: string, tail: ReturnType<typeof sql>) =>
      (
        await queryRows<{ "QUERY PLAN": string }>(
          db,
          sql`EXPLAIN SELECT user_id FROM users WHERE ${searchCondition(search)} ${tail}`,
        )
      )
        .map((row) => row["QUERY PLAN"])
        .join("\n");
    // The shapes of the list's page query and of the tab counts' query, for one user's id.
    const page = await plan("plan-012345", sql`ORDER BY created_at DESC, user_id DESC LIMIT 25`);
    expect(page).toContain("user_search_text_trgm_idx");
    const count = await plan("plan-012345", sql``);
    expect(count).toContain("user_search_text_trgm_idx");
    expect(count).not.toMatch(/Seq Scan on (users|user_search)/);

    expect(ids(await listUsersPage(db, query({ tab: "all", search: "PLAN-012345" })))).toEqual([
      "plan-012345",
    ]);
  });
});
