import "server-only";
import { getTableColumns, inArray, eq, sql } from "drizzle-orm";
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

export function getUsers(db: Database, userIds: readonly string[]): Promise<UserRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.select().from(users).where(inArray(users.userId, [...userIds]));
}

// Every column but the key and the first-insert time takes the new row's value on conflict.
const replaceOnConflict = {
  ...Object.fromEntries(
    Object.entries(getTableColumns(users))
      .filter(([key]) => key !== "userId" && key !== "createdAt" && key !== "updatedAt")
      .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  ),
  updatedAt: sql`now()`,
};

/** `upsertUser` for several users (distinct ids) in one statement. */
export async function upsertUsers(db: Database, rows: readonly NewUserRow[]): Promise<UserRow[]> {
  if (rows.length === 0) return [];
  const values = rows.map(({ createdAt: _createdAt, ...row }) => row);
  return db.insert(users).values(values).onConflictDoUpdate({ target: users.userId, set: replaceOnConflict }).returning();
}
