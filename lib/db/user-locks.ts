import "server-only";
import { sql } from "drizzle-orm";
import { isEmbeddedDatabase, type Database } from "./client";

/**
 * Makes writers of the same user (the feed, a server action, a reconciliation, an admin action)
 * take turns until the transaction `tx` ends. Locks are taken in one order (sorted ids), so two writers can never
 * deadlock. On the embedded database transactions already run one at a time: nothing to take.
 */
export async function lockUsersForWriting(tx: Database, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0 || isEmbeddedDatabase(tx)) return;
  const sorted = [...new Set(userIds)].sort();
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext(id)) FROM unnest(ARRAY[${sql.join(
      sorted.map((id) => sql`${id}`),
      sql`, `,
    )}]::text[]) AS id`,
  );
}
