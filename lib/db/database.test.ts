import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingUser } from "@/test/fixtures/user-row";
import { startTestPostgres, type TestPostgres } from "@/test/postgres";
import { listAuditForUser, recordAudit } from "./audit-log";
import { openDatabase, queryRows, type DatabaseHandle, type DatabaseTarget } from "./client";
import { appendEvent, listEventsAfter, listUserEvents, listUserEventsAfter } from "./events";
import {
  createOnboardingSession,
  getOnboardingSession,
  markOnboardingRegistered,
  saveOnboardingProgress,
} from "./onboarding-sessions";
import { lockUsersForWriting } from "./user-locks";
import { getUser, upsertUser } from "./users";

/** The database's own message: drizzle wraps it as the `cause` of its query error. */
async function failureOf(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(error);
  }
  return "(no error)";
}

/** The same behaviour is required of both drivers, so one suite runs against each. */
function describeDatabase(driver: "pglite" | "postgres", target: () => DatabaseTarget) {
  describe(`database on ${driver}`, () => {
    let handle: DatabaseHandle;
    const unique = `${driver}_${Date.now()}`;

    beforeAll(async () => {
      handle = await openDatabase(target());
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("applies every migration and reports its driver", async () => {
      expect(handle.driver).toBe(driver);
      const tables = await queryRows<{ table_name: string }>(
        handle.db,
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(["audit_log", "events", "onboarding_sessions", "users"]),
      );
    });

    it("is idempotent: opening an up-to-date database again applies nothing twice", async () => {
      if (driver === "pglite") return; // PGlite's folder is locked by the open handle; see the lock tests.
      const again = await openDatabase(target());
      await again.close();
    });

    it("keeps an onboarding session's progress and registers it only once", async () => {
      const session = await createOnboardingSession(handle.db, `${unique}_client`);
      expect(session.step).toBe("account");
      expect(session.registeredAt).toBeNull();

      await saveOnboardingProgress(handle.db, session.id, {
        step: "contact",
        draft: { account: { account_type: "individual" } },
      });
      const saved = await getOnboardingSession(handle.db, session.id);
      expect(saved?.step).toBe("contact");
      expect(saved?.draft).toEqual({ account: { account_type: "individual" } });
      expect(saved!.updatedAt.getTime()).toBeGreaterThanOrEqual(session.updatedAt.getTime());

      expect(await markOnboardingRegistered(handle.db, session.id)).toBe(true);
      expect(await markOnboardingRegistered(handle.db, session.id)).toBe(false);
      await expect(createOnboardingSession(handle.db, `${unique}_client`)).rejects.toThrow();
    });

    it("upserts users, keeping the first created_at and sFOX's nanosecond timestamp exactly", async () => {
      const base = { ...pendingUser(`${unique}_user`), sfoxUpdatedNs: 1717005327995988841n };
      const first = await upsertUser(handle.db, base);
      const second = await upsertUser(handle.db, {
        ...base,
        status: "verified",
        requirements: { email: false, sms: false },
        sfoxUpdatedNs: 1717005327995988999n,
      });
      expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
      const stored = await getUser(handle.db, base.userId);
      expect(stored?.status).toBe("verified");
      expect(stored?.requirements).toEqual({ email: false, sms: false });
      expect(stored?.sfoxUpdatedNs).toBe(1717005327995988999n);
      expect(await getUser(handle.db, `${unique}_nobody`)).toBeUndefined();
    });

    it("appends events with increasing ids and replays them in order", async () => {
      const userId = `${unique}_events`;
      const before = await listEventsAfter(handle.db, Number.MAX_SAFE_INTEGER);
      expect(before).toEqual([]);
      const a = await appendEvent(handle.db, { userId, kind: "registered", payload: { status: "pending" } });
      const b = await appendEvent(handle.db, { userId, kind: "status_changed", payload: { status: "verified" } });
      const other = await appendEvent(handle.db, { userId: `${userId}_other`, kind: "registered", payload: {} });
      expect(b.id).toBeGreaterThan(a.id);

      expect((await listEventsAfter(handle.db, a.id - 1)).map((event) => event.id)).toEqual([a.id, b.id, other.id]);
      expect((await listUserEventsAfter(handle.db, userId, a.id)).map((event) => event.id)).toEqual([b.id]);
      expect((await listUserEvents(handle.db, userId)).map((event) => event.kind)).toEqual(["status_changed", "registered"]);
    });

    it("makes a second writer of the same user wait until the first one's transaction ends", async () => {
      // PostgreSQL: an advisory lock per user. The embedded database runs one transaction at a time.
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let markLocked!: () => void;
      const firstLocked = new Promise<void>((resolve) => (markLocked = resolve));
      const first = handle.db.transaction(async (tx) => {
        await lockUsersForWriting(tx, [`${unique}_lock_a`]);
        markLocked();
        await held;
        order.push("first ends");
      });
      await firstLocked;
      const second = handle.db.transaction(async (tx) => {
        await lockUsersForWriting(tx, [`${unique}_lock_b`, `${unique}_lock_a`]);
        order.push("second has its locks");
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      order.push("first released");
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(["first released", "first ends", "second has its locks"]);
    });

    it("keeps each user's search text: written with the user, rewritten by a rename, untouched by a status change", async () => {
      const userId = `${unique}_search`;
      const user = pendingUser(userId);
      const searchRow = async () =>
        (
          await queryRows<{ text: string; version: string }>(
            handle.db,
            sql`SELECT text, xmin::text AS version FROM user_search WHERE user_id = ${userId}`,
          )
        )[0];
      await upsertUser(handle.db, user);
      const first = await searchRow();
      expect(first?.text).toBe(`ada lovelace ada@example.com ${userId}`.toLowerCase());
      // The feed's kind of write: status and requirements only. The row (and its index) stay as they were.
      await upsertUser(handle.db, { ...user, status: "verified", requirements: { email: false, sms: false } });
      expect(await searchRow()).toEqual(first);
      await upsertUser(handle.db, { ...user, status: "verified", lastName: "King" });
      expect((await searchRow())?.text).toBe(`ada king ada@example.com ${userId}`.toLowerCase());
    });

    it("refuses to rewrite history in the event log and the audit log", async () => {
      const event = await appendEvent(handle.db, { userId: `${unique}_history`, kind: "registered", payload: {} });
      expect(await failureOf(handle.db.execute(sql`UPDATE events SET kind = 'forged' WHERE id = ${event.id}`))).toMatch(
        /events is append-only: UPDATE/,
      );
      expect(await failureOf(handle.db.execute(sql`DELETE FROM events WHERE id = ${event.id}`))).toMatch(
        /events is append-only: DELETE/,
      );

      const entry = await recordAudit(handle.db, {
        actor: "admin@example.com",
        action: "deactivate",
        targetUserId: `${unique}_history`,
        outcome: "error",
        detail: { message: "Can not disable account with non-zero balances." },
      });
      expect(await failureOf(handle.db.execute(sql`DELETE FROM audit_log WHERE id = ${entry.id}`))).toMatch(
        /audit_log is append-only/,
      );
      const trail = await listAuditForUser(handle.db, `${unique}_history`);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ actor: "admin@example.com", action: "deactivate", outcome: "error" });
    });

    it("has no column that could hold a government id number", async () => {
      const columns = await queryRows<{ column_name: string }>(
        handle.db,
        sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const names = columns.map((row) => row.column_name);
      expect(names.filter((name) => /ssn|id_number|passport/.test(name))).toEqual([]);
    });
  });
}

const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-pglite-"));
describeDatabase("pglite", () => ({ dataDir: pgliteDir }));

let postgres: TestPostgres | undefined;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  fs.rmSync(pgliteDir, { recursive: true, force: true });
});
describeDatabase("postgres", () => ({ databaseUrl: postgres!.url }));

describe("the embedded database lock", () => {
  let sleeper: ChildProcess | undefined;
  afterAll(() => {
    sleeper?.kill();
  });

  it("refuses a folder held by another live process, naming it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-lock-"));
    sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    fs.mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "pglite", "app.lock"), String(sleeper.pid));
    await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`in use by another process \\(pid ${sleeper.pid}\\)`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes over a lock left by a process that is gone, and releases it on close", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-lock-"));
    fs.mkdirSync(path.join(dataDir, "pglite"), { recursive: true });
    const lockFile = path.join(dataDir, "pglite", "app.lock");
    fs.writeFileSync(lockFile, "2147483646");
    const handle = await openDatabase({ dataDir });
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(lockFile)).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
