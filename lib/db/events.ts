import "server-only";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { Database } from "./client";
import { events, users, type EventRow, type UserRow } from "./schema";

export interface NewEvent {
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
}

export async function appendEvent(db: Database, event: NewEvent): Promise<EventRow> {
  const [row] = await db.insert(events).values(event).returning();
  if (!row) throw new Error("Inserting an event returned no row");
  return row;
}

/** Several events in one statement; answered in the given order (their ids increase in it). */
export async function appendEvents(db: Database, newEvents: readonly NewEvent[]): Promise<EventRow[]> {
  if (newEvents.length === 0) return [];
  const rows = await db.insert(events).values([...newEvents]).returning();
  return rows.sort((a, b) => a.id - b.id);
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
  const [row] = await db.select({ id: events.id }).from(events).where(eq(events.userId, userId)).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}

/** The newest event id of all (0 when none). */
export async function latestEventId(db: Database): Promise<number> {
  const [row] = await db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
  return row?.id ?? 0;
}
