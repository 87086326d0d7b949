import "server-only";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import type { SfoxClient } from "@/lib/sfox/client";
import { applyUserState, nowNs } from "./apply-user-state";

export interface ReconcileOutcome {
  checked: number;
  changed: number;
}

/**
 * Compares sFOX's list of users with the stored state and records every difference as an event,
 * so whatever the feed missed while disconnected still arrives. Only differing users are written:
 * a reconciliation of 100,000 unchanged users is one query, not 100,000 transactions.
 */
export async function reconcileUsers(db: Database, client: SfoxClient): Promise<ReconcileOutcome> {
  // Taken before asking: anything the feed delivers after this instant is newer than the list.
  const observedAtNs = nowNs();
  const upstream = await client.listUsers();
  const stored = new Map(
    (await db.select({ userId: users.userId, status: users.status, requirements: users.requirements }).from(users)).map((row) => [
      row.userId,
      row,
    ]),
  );

  let changed = 0;
  for (const user of upstream) {
    const mine = stored.get(user.userId);
    const same =
      mine &&
      mine.status === user.status &&
      Boolean(mine.requirements.email) === user.requirements.email &&
      Boolean(mine.requirements.sms) === user.requirements.sms;
    if (same) continue;
    const { event } = await applyUserState(db, { user, observedAtNs, kind: "reconciled" });
    if (event) changed++;
  }
  return { checked: upstream.length, changed };
}
