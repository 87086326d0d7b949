import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { appendEvent } from "@/lib/db/events";
import type { EventRow } from "@/lib/db/schema";
import { getUser, upsertUser } from "@/lib/db/users";
import type { SfoxUser } from "@/lib/sfox/types";

export type UserEventKind = "registered" | "verification" | "refreshed" | "feed";

/** The app's own shape of a user change: what streams and timelines show. Never a token. */
export interface UserChange {
  status: SfoxUser["status"];
  requirements: SfoxUser["requirements"];
  previousStatus: SfoxUser["status"] | null;
}

/**
 * Stores what sFOX says about a user and, when anything a person would notice changed, appends it
 * to the event log, both in one transaction. Returns the event, or null when nothing changed.
 */
export async function recordUserState(db: Database, user: SfoxUser, kind: UserEventKind): Promise<EventRow | null> {
  return db.transaction(async (tx) => {
    // Two writers for one user (two tabs, the feed) must not both log the same change.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${user.userId}))`);
    const before = await getUser(tx, user.userId);
    await upsertUser(tx, {
      userId: user.userId,
      accountType: user.accountType,
      accountRole: user.accountRole,
      status: user.status,
      requirements: { ...user.requirements },
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      phoneNumber: user.phoneNumber,
      advisorUserId: user.advisorUserId,
    });
    const unchanged =
      before !== undefined && before.status === user.status && sameRequirements(before.requirements, { ...user.requirements });
    if (unchanged) return null;
    const change: UserChange = {
      status: user.status,
      requirements: { ...user.requirements },
      previousStatus: before?.status ?? null,
    };
    return appendEvent(tx, { userId: user.userId, kind, payload: { ...change } });
  });
}

// jsonb does not keep key order, so compare item by item.
function sameRequirements(a: Record<string, boolean>, b: Record<string, boolean>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => Boolean(a[key]) === Boolean(b[key]));
}
