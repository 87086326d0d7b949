import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open } from "@/lib/crypto/secret-box";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { listUserEvents } from "@/lib/db/events";
import { getUser } from "@/lib/db/users";
import { getEnv } from "@/lib/env";
import { pendingUser } from "@/test/fixtures/user-row";
import { startTestPostgres } from "@/test/postgres";
import { applyUserState, applyUserStates, writeUserStates, type UserSnapshot } from "./apply-user-state";
import { eventBus, type PublishedChange } from "./event-bus";

// The rules run inside the database (apply_user_states), so both databases the app runs on are checked.
const databases = [
  {
    name: "the embedded database",
    // One process owns it: the writer publishes its own changes.
    publishesItself: true,
    async open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-apply-"));
      const handle = await openDatabase({ dataDir });
      return { handle, stop: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: "PostgreSQL",
    // Every instance publishes from the event log once the commit's NOTIFY arrives (cluster.test.ts).
    publishesItself: false,
    async open() {
      const server = await startTestPostgres();
      const handle = await openDatabase({ databaseUrl: server.url });
      return { handle, stop: () => server.stop() };
    },
  },
];

let serial = 0;
function snapshot(overrides: Partial<UserSnapshot> = {}): UserSnapshot {
  return {
    ...pendingUser(`apply_${serial}`),
    ...overrides,
  };
}
const T = 1_717_005_327_995_988_841n;
const token = (suffix: string, hoursAhead: number) => ({
  token: suffix.repeat(64).slice(0, 64),
  userId: `apply_${serial}`,
  expiresAt: new Date(Date.now() + hoursAhead * 3_600_000),
});

describe.each(databases)("applyUserState on $name", ({ open: openTarget, publishesItself }) => {
  let handle: DatabaseHandle;
  let stopTarget: () => unknown;
  beforeAll(async () => {
    ({ handle, stop: stopTarget } = await openTarget());
  });
  afterAll(async () => {
    await handle.close();
    await stopTarget();
  });
  const publishedIds = (ids: Array<number | undefined>) => (publishesItself ? ids : []);

  it("records a new user with one event, and publishes it with the stored row", async () => {
    serial++;
    const published: PublishedChange[] = [];
    const stop = eventBus().subscribeUser(`apply_${serial}`, (change) => published.push(change));
    const result = await applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed" });
    stop();
    expect(result.applied).toBe(true);
    expect(result.event?.payload).toEqual({ status: "pending", requirements: { email: true, sms: true }, previousStatus: null });
    expect(published.map((change) => change.event.id)).toEqual(publishedIds([result.event?.id]));
    if (publishesItself) expect(published[0]?.user).toEqual(await getUser(handle.db, `apply_${serial}`));
  });

  it("answers the rows and events as stored, in the shapes a read of them gives", async () => {
    serial++;
    const written = await writeUserStates(handle.db, [
      { user: snapshot({ advisorUserId: "advisor_9" }), observedAtNs: T, kind: "registered", token: token("d", 24) },
    ]);
    const stored = await getUser(handle.db, `apply_${serial}`);
    expect(written.rows.get(`apply_${serial}`)).toEqual(stored);
    expect(stored?.sfoxUpdatedNs).toBe(T);
    expect(stored?.userTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(Number.isNaN(stored!.createdAt.getTime())).toBe(false);
    expect(written.events).toEqual([{ input: 0, userId: `apply_${serial}`, event: (await listUserEvents(handle.db, `apply_${serial}`))[0] }]);
  });

  it("never lets an older snapshot downgrade a newer one", async () => {
    serial++;
    await applyUserState(handle.db, { user: snapshot({ status: "verified", requirements: { email: false, sms: false } }), observedAtNs: T + 10n, kind: "feed" });
    const late = await applyUserState(handle.db, { user: snapshot(), observedAtNs: T + 5n, kind: "feed" });
    expect(late).toEqual({ event: null, applied: false });
    expect((await getUser(handle.db, `apply_${serial}`))?.status).toBe("verified");
    expect(await listUserEvents(handle.db, `apply_${serial}`)).toHaveLength(1);
  });

  it("records a duplicate once", async () => {
    serial++;
    await applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed" });
    expect(await applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed" })).toEqual({ event: null, applied: false });
    expect(await listUserEvents(handle.db, `apply_${serial}`)).toHaveLength(1);
  });

  it("records a confirmed code as a change even when the status stays, and a missing requirement as not required", async () => {
    serial++;
    await applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed" });
    const confirmed = await applyUserState(handle.db, { user: snapshot({ requirements: { email: false, sms: true } }), observedAtNs: T + 1n, kind: "verification" });
    expect(confirmed.event?.payload).toEqual({ status: "pending", requirements: { email: false, sms: true }, previousStatus: "pending" });
    // A payload that leaves a requirement out (the type says sFOX always sends both).
    const same = await applyUserState(handle.db, { user: snapshot({ requirements: { sms: true } as UserSnapshot["requirements"] }), observedAtNs: T + 2n, kind: "feed" });
    expect(same).toEqual({ event: null, applied: true });
    expect(await listUserEvents(handle.db, `apply_${serial}`)).toHaveLength(2);
  });

  it("logs nothing when a newer snapshot says the same thing, but remembers its time", async () => {
    serial++;
    await applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed" });
    const same = await applyUserState(handle.db, { user: snapshot({ requirements: { sms: true, email: true } }), observedAtNs: T + 1n, kind: "reconciled" });
    expect(same).toEqual({ event: null, applied: true });
    expect((await getUser(handle.db, `apply_${serial}`))?.sfoxUpdatedNs).toBe(T + 1n);
  });

  it("keeps the freshest user token sealed, even from a stale snapshot", async () => {
    serial++;
    const key = getEnv().tokenEncryptionKey!;
    await applyUserState(handle.db, { user: snapshot({ status: "verified" }), observedAtNs: T + 10n, kind: "feed", token: token("a", 24) });
    await applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed", token: token("b", 25) });
    const row = await getUser(handle.db, `apply_${serial}`);
    expect(row?.status).toBe("verified");
    expect(row?.userTokenEncrypted).not.toContain("b".repeat(64));
    expect(open(row!.userTokenEncrypted!, key)).toBe("b".repeat(64));
    // An older token never replaces a newer one.
    await applyUserState(handle.db, { user: snapshot({ status: "verified" }), observedAtNs: T + 20n, kind: "feed", token: token("c", 1) });
    expect(open((await getUser(handle.db, `apply_${serial}`))!.userTokenEncrypted!, key)).toBe("b".repeat(64));
  });

  it("keeps the advisor link from a registration's answer even when the feed got there first", async () => {
    serial++;
    await applyUserState(handle.db, { user: snapshot(), observedAtNs: T + 10n, kind: "feed" });
    await applyUserState(handle.db, { user: snapshot({ advisorUserId: "advisor_1" }), observedAtNs: T, kind: "registered" });
    const row = await getUser(handle.db, `apply_${serial}`);
    expect(row?.advisorUserId).toBe("advisor_1");
    expect(row?.sfoxUpdatedNs).toBe(T + 10n);
    expect(await listUserEvents(handle.db, `apply_${serial}`)).toHaveLength(1);
  });

  it("keeps stored contact details a snapshot leaves empty, and the advisor link unless it is set to null", async () => {
    serial++;
    const id = `apply_${serial}`;
    await applyUserState(handle.db, { user: snapshot({ advisorUserId: "advisor_2" }), observedAtNs: T, kind: "registered" });
    // No advisorUserId at all, as the feed sends it.
    const fromFeed = snapshot({ firstName: "", lastName: "", email: "", phoneNumber: "", status: "verified" });
    expect("advisorUserId" in fromFeed).toBe(false);
    await applyUserState(handle.db, { user: fromFeed, observedAtNs: T + 1n, kind: "feed" });
    const kept = await getUser(handle.db, id);
    expect([kept?.status, kept?.firstName, kept?.lastName, kept?.email, kept?.phoneNumber, kept?.advisorUserId]).toEqual([
      "verified", "Ada", "Lovelace", "ada@example.com", "+14155552671", "advisor_2",
    ]);
    await applyUserState(handle.db, { user: snapshot({ status: "verified", advisorUserId: null }), observedAtNs: T + 2n, kind: "refreshed" });
    expect((await getUser(handle.db, id))?.advisorUserId).toBeNull();
  });

  it("takes turns when two writers race for one user: one event, not two", async () => {
    serial++;
    await Promise.all([
      applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "registered" }),
      applyUserState(handle.db, { user: snapshot(), observedAtNs: T, kind: "feed" }),
    ]);
    expect(await listUserEvents(handle.db, `apply_${serial}`)).toHaveLength(1);
  });

  it("writes a batch in order, as if applied one by one: each change once, stale ones ignored, published in order", async () => {
    serial++;
    const a = `apply_${serial}_a`;
    const b = `apply_${serial}_b`;
    const published: PublishedChange[] = [];
    const stops = [a, b].map((id) => eventBus().subscribeUser(id, (change) => published.push(change)));
    const verified = { status: "verified" as const, requirements: { email: false, sms: false } };
    const results = await applyUserStates(handle.db, [
      { user: snapshot({ userId: a }), observedAtNs: T, kind: "feed" },
      { user: snapshot({ userId: b }), observedAtNs: T, kind: "feed" },
      { user: snapshot({ userId: a, ...verified }), observedAtNs: T + 10n, kind: "feed" },
      // Late, and the same again: neither changes anything.
      { user: snapshot({ userId: a }), observedAtNs: T + 5n, kind: "feed" },
      { user: snapshot({ userId: a, ...verified }), observedAtNs: T + 11n, kind: "feed" },
    ]);
    stops.forEach((stop) => stop());

    expect(results.map((result) => [result.applied, result.event !== null])).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, false],
      [true, false],
    ]);
    const ids = results.flatMap((result) => (result.event ? [result.event.id] : []));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(published.map((change) => change.event.id)).toEqual(publishedIds(ids));
    expect((await listUserEvents(handle.db, a)).map((event) => event.payload)).toEqual([
      { ...verified, previousStatus: "pending" },
      { status: "pending", requirements: { email: true, sms: true }, previousStatus: null },
    ]);
    const stored = await getUser(handle.db, a);
    expect(stored?.status).toBe("verified");
    expect(stored?.sfoxUpdatedNs).toBe(T + 11n);
    expect((await getUser(handle.db, b))?.status).toBe("pending");
  });
});
