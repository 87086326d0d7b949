import "server-only";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { Database } from "./client";
import { events, type EventRow } from "./schema";

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
