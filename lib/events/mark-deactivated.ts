import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { appendEvent } from "@/lib/db/events";
import { users } from "@/lib/db/schema";
import { lockUsersForWriting } from "@/lib/db/user-locks";
import { publishCommitted } from "./publish-committed";

/**
 * Records that sFOX deactivated the account: the user row keeps its last status (sFOX forgets the
 * user, the app keeps the history) and the event log gets a `deactivated` entry, published live.
 * sFOX sends no feed event for this, so the app writes it itself.
 */
export async function markUserDeactivated(db: Database, userId: string): Promise<void> {
  const outcome = await db.transaction(async (tx) => {
    await lockUsersForWriting(tx, [userId]);
    const [row] = await tx
      .update(users)
      .set({ deactivatedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(users.userId, userId))
      .returning();
    if (!row) return null;
    const event = await appendEvent(tx, {
      userId,
      kind: "deactivated",
      payload: {
        status: row.status,
        requirements: row.requirements,
        previousStatus: row.status,
        deactivated: true,
      },
    });
    return { event, row };
  });
  if (outcome) publishCommitted(db, [{ event: outcome.event, user: outcome.row }]);
}
