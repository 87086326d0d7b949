import "server-only";
import { sql } from "drizzle-orm";
import { seal } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/client";
import { appendEvent } from "@/lib/db/events";
import type { EventRow, UserRow } from "@/lib/db/schema";
import { getUser, upsertUser } from "@/lib/db/users";
import { requireSecret } from "@/lib/env";
import type { SfoxUser, UserToken } from "@/lib/sfox/types";
import { eventBus } from "./event-bus";

export type UserEventKind = "registered" | "verification" | "feed" | "reconciled" | "refreshed";

/** What sFOX said about a user: the feed's payload, a GET, or a registration's answer. */
export type UserSnapshot = Omit<SfoxUser, "sfoxId" | "advisorUserId"> & { advisorUserId?: string | null };

/** The app's own shape of a change in the event log. Never a token, never a raw frame. */
export interface UserChange {
  status: SfoxUser["status"];
  requirements: SfoxUser["requirements"];
  previousStatus: SfoxUser["status"] | null;
}

export interface ApplyResult {
  event: EventRow | null;
  /** False when the snapshot was older than (or the same as) what is stored: nothing changed. */
  applied: boolean;
}

/**
 * Stores what sFOX said about a user, as of `observedAtNs` (sFOX's timestamp, or the moment just
 * before the app asked), in one transaction with its event-log entry, then publishes it.
 * - A snapshot older than the stored one never overwrites it: a late PENDING cannot undo VERIFIED.
 * - The same snapshot twice is recorded once.
 * - A fresh user token is kept (sealed) even when the state itself is stale.
 */
export async function applyUserState(
  db: Database,
  input: { user: UserSnapshot; observedAtNs: bigint; kind: UserEventKind; token?: UserToken | null },
): Promise<ApplyResult> {
  const { user, observedAtNs, kind, token } = input;
  const outcome = await db.transaction(async (tx) => {
    // Writers for one user (the feed, a server action, a reconciliation) take turns.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${user.userId}))`);
    const before = await getUser(tx, user.userId);
    const newerToken = token && (!before?.userTokenExpiresAt || token.expiresAt >= before.userTokenExpiresAt);
    const tokenColumns = newerToken
      ? { userTokenEncrypted: seal(token.token, requireSecret("tokenEncryptionKey")), userTokenExpiresAt: token.expiresAt }
      : {};

    const stale = before?.sfoxUpdatedNs !== null && before?.sfoxUpdatedNs !== undefined && observedAtNs <= before.sfoxUpdatedNs;
    if (stale) {
      // The feed never carries the advisor link; a registration's answer may still add it.
      const advisorColumns = !before.advisorUserId && user.advisorUserId ? { advisorUserId: user.advisorUserId } : {};
      if (newerToken || advisorColumns.advisorUserId) await upsertUser(tx, { ...rowOf(before), ...tokenColumns, ...advisorColumns });
      return { event: null, row: null };
    }

    const row = await upsertUser(tx, {
      ...(before ? rowOf(before) : {}),
      userId: user.userId,
      accountType: user.accountType,
      accountRole: user.accountRole,
      status: user.status,
      requirements: { ...user.requirements },
      firstName: user.firstName || before?.firstName || "",
      lastName: user.lastName || before?.lastName || "",
      email: user.email || before?.email || "",
      phoneNumber: user.phoneNumber || before?.phoneNumber || "",
      advisorUserId: user.advisorUserId === undefined ? (before?.advisorUserId ?? null) : user.advisorUserId,
      sfoxUpdatedNs: observedAtNs,
      ...tokenColumns,
    });
    const changed = !before || before.status !== user.status || !sameRequirements(before.requirements, { ...user.requirements });
    if (!changed) return { event: null, row };
    const change: UserChange = { status: user.status, requirements: { ...user.requirements }, previousStatus: before?.status ?? null };
    return { event: await appendEvent(tx, { userId: user.userId, kind, payload: { ...change } }), row };
  });

  if (outcome.event && outcome.row) eventBus().publish({ event: outcome.event, user: outcome.row });
  return { event: outcome.event, applied: outcome.row !== null };
}

/** Nanoseconds since the epoch, for snapshots the app takes itself (read it before asking sFOX). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

function rowOf(row: UserRow) {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = row;
  return columns;
}

// jsonb does not keep key order, so compare item by item.
function sameRequirements(a: Record<string, boolean>, b: Record<string, boolean>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => Boolean(a[key]) === Boolean(b[key]));
}
