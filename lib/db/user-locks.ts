import "server-only";
import { sql } from "drizzle-orm";
import { isEmbeddedDatabase, type Database } from "./client";

/**
 * Makes writers of the same user (the feed, a server action, a reconciliation, an admin action)
 * take turns until the transaction `tx` ends. The database function `lock_users_for_writing`
 * (lib/db/migrations/0004_apply_user_states.sql) takes one lock per id in one order (sorted ids), so
 * two writers can never deadlock; the feed's writes take the same locks inside `apply_user_states`.
 * On the embedded database transactions already run one at a time: nothing to take.
 */
export async function lockUsersForWriting(tx: Database, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0 || isEmbeddedDatabase(tx)) return;
  await tx.execute(
    sql`SELECT lock_users_for_writing(ARRAY[${sql.join(
      userIds.map((id) => sql`${id}`),
      sql`, `,
    )}]::text[])`,
  );
}
