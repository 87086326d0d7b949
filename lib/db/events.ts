import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { isEmbeddedDatabase, type Database } from "./client";
import { events, users, type EventRow, type UserRow } from "./schema";

export interface NewEvent {
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** The channel on which a shared PostgreSQL announces new event-log entries to every instance. */
export const EVENT_LOG_CHANNEL = "sfox_event_log";

// Any fixed number: the session-independent key of the event log's writer lock.
export const EVENT_LOG_WRITER_LOCK = 0x5f0e_1061;

export async function appendEvent(tx: Database, event: NewEvent): Promise<EventRow> {
  const [row] = await appendEvents(tx, [event]);
  if (!row) throw new Error("Inserting an event returned no row");
  return row;
}

/**
 * Appends events in one statement, inside the caller's transaction `tx`; answered in the given
 * order (their ids increase in it).
 *
 * On a shared PostgreSQL, instances read new entries by id (`listEventsWithUsersAfter`), which is
 * only safe if ids become visible in increasing order. A sequence hands out ids at insert time, not
 * at commit, so writers of the log take a lock held until their commit: one after the other, a
 * smaller id is always committed before a larger one exists. The NOTIFY is delivered at commit.
 * (The embedded database runs one transaction at a time and publishes in-process: neither needed.)
 */
export async function appendEvents(tx: Database, newEvents: readonly NewEvent[]): Promise<EventRow[]> {
  if (newEvents.length === 0) return [];
  const shared = !isEmbeddedDatabase(tx);
  if (shared) await tx.execute(sql`SELECT pg_advisory_xact_lock(${EVENT_LOG_WRITER_LOCK})`);
  const rows = await tx
    .insert(events)
    .values([...newEvents])
    .returning();
  rows.sort((a, b) => a.id - b.id);
  if (shared) await tx.execute(sql`SELECT pg_notify(${EVENT_LOG_CHANNEL}, ${String(rows.at(-1)!.id)})`);
  return rows;
}

/** Every event after `afterId`, oldest first: what a reconnecting stream must replay. */
export function listEventsAfter(db: Database, afterId: number, limit = 1_000): Promise<EventRow[]> {
  return db.select().from(events).where(gt(events.id, afterId)).orderBy(asc(events.id)).limit(limit);
}

/** One user's timeline, newest first. */
export function listUserEvents(db: Database, userId: string, limit = 200): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.userId, userId)).orderBy(desc(events.id)).limit(limit);
}

/** Events of one user after an id, oldest first: the end user's own stream replay. */
export function listUserEventsAfter(db: Database, userId: string, afterId: number, limit = 1_000): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.userId, userId), gt(events.id, afterId)))
    .orderBy(asc(events.id))
    .limit(limit);
}

/**
 * Events after an id with their user's current row, oldest first: the admin stream's replay, of
 * every user or (for a user's detail page) of one.
 */
export function listEventsWithUsersAfter(
  db: Database,
  afterId: number,
  limit = 1_000,
  userId: string | null = null,
): Promise<Array<{ event: EventRow; user: UserRow }>> {
  return db
    .select({ event: events, user: users })
    .from(events)
    .innerJoin(users, eq(users.userId, events.userId))
    .where(and(gt(events.id, afterId), userId === null ? undefined : eq(events.userId, userId)))
    .orderBy(asc(events.id))
    .limit(limit);
}

/** The newest event id of one user (0 when none): where a freshly rendered page's stream starts. */
export async function latestUserEventId(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ id: events.id })
    .from(events)
    .where(eq(events.userId, userId))
    .orderBy(desc(events.id))
    .limit(1);
  return row?.id ?? 0;
}

/** The newest event id of all (0 when none). */
export async function latestEventId(db: Database): Promise<number> {
  const [row] = await db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}
