import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { users, type NewUserRow, type UserRow } from "./schema";

/** Inserts the user or replaces its stored state; `createdAt` is kept from the first insert. */
export async function upsertUser(db: Database, user: NewUserRow): Promise<UserRow> {
  const { userId: _userId, createdAt: _createdAt, ...changes } = user;
  const [row] = await db
    .insert(users)
    .values(user)
    .onConflictDoUpdate({ target: users.userId, set: { ...changes, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error("Upserting a user returned no row");
  return row;
}

export async function getUser(db: Database, userId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.userId, userId)).limit(1);
  return row;
}
