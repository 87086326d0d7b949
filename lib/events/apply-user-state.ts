import "server-only";
import { seal } from "@/lib/crypto/secret-box";
import { databaseWorkerOf, type Database } from "@/lib/db/client";
import { lockUsersForWriting } from "@/lib/db/user-locks";
import { appendEvents } from "@/lib/db/events";
import type { EventRow, NewUserRow, UserRow } from "@/lib/db/schema";
import { getUsers, upsertUsers } from "@/lib/db/users";
import { requireSecret } from "@/lib/env";
import type { SfoxUser, UserToken } from "@/lib/sfox/types";
import type { PublishedChange } from "./event-bus";
import { publishCommitted } from "./publish-committed";

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

export interface ApplyInput {
  user: UserSnapshot;
  observedAtNs: bigint;
  kind: UserEventKind;
  token?: UserToken | null;
}

/**
 * Stores what sFOX said about a user, as of `observedAtNs` (sFOX's timestamp, or the moment just
 * before the app asked), in one transaction with its event-log entry, then publishes it
 * (`publishCommitted`).
 * - A snapshot older than the stored one never overwrites it: a late PENDING cannot undo VERIFIED.
 * - The same snapshot twice is recorded once.
 * - A fresh user token is kept (sealed) even when the state itself is stale.
 */
export async function applyUserState(db: Database, input: ApplyInput): Promise<ApplyResult> {
  const [result] = await applyUserStates(db, [input]);
  return result!;
}

/**
 * `applyUserState` for several snapshots, in order, in one transaction and a fixed number of
 * statements whatever their count: when the feed delivers faster than one write per event, the
 * queued events are written together (group commit) instead of one transaction each.
 */
export async function applyUserStates(db: Database, inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
  if (inputs.length === 0) return [];
  // On the embedded database the whole transaction runs on the database's own thread: one message
  // each way, and no statement of it ever occupies the event loop that serves the streams.
  const worker = databaseWorkerOf(db);
  const outcome = worker ? await worker.run("writeUserStates", inputs) : await writeUserStates(db, inputs);

  const results: ApplyResult[] = outcome.applied.map((applied) => ({ event: null, applied }));
  const published: PublishedChange[] = [];
  for (const { input, event, userId } of outcome.events) {
    results[input] = { event, applied: true };
    const user = outcome.rows.get(userId);
    if (user) published.push({ event, user });
  }
  publishCommitted(db, published);
  return results;
}

/** What one transaction of `applyUserStates` stored: per input whether it applied, the rows written, the events appended. */
export interface UserStatesWritten {
  applied: boolean[];
  rows: Map<string, UserRow>;
  events: Array<{ input: number; userId: string; event: EventRow }>;
}

/** The database half of `applyUserStates`, in one transaction; publishes nothing. */
export async function writeUserStates(db: Database, inputs: readonly ApplyInput[]): Promise<UserStatesWritten> {
  const userIds = [...new Set(inputs.map((input) => input.user.userId))].sort();
  return db.transaction(async (tx) => {
    await lockUsersForWriting(tx, userIds);
    const stored = new Map((await getUsers(tx, userIds)).map((row) => [row.userId, row]));
    // The state as each snapshot finds it: what is stored, then what the earlier snapshots made of it.
    const current = new Map<string, NewUserRow>([...stored].map(([id, row]) => [id, rowOf(row)]));
    const toWrite = new Set<string>();
    const applied = inputs.map(() => false);
    const changes: Array<{
      input: number;
      userId: string;
      kind: UserEventKind;
      payload: Record<string, unknown>;
    }> = [];

    inputs.forEach(({ user, observedAtNs, kind, token }, index) => {
      const before = current.get(user.userId);
      const newerToken = token && (!before?.userTokenExpiresAt || token.expiresAt >= before.userTokenExpiresAt);
      const tokenColumns = newerToken
        ? {
            userTokenEncrypted: seal(token.token, requireSecret("tokenEncryptionKey")),
            userTokenExpiresAt: token.expiresAt,
          }
        : {};

      const stale = before?.sfoxUpdatedNs !== null && before?.sfoxUpdatedNs !== undefined && observedAtNs <= before.sfoxUpdatedNs;
      if (stale) {
        // The feed never carries the advisor link; a registration's answer may still add it.
        const advisorColumns = !before.advisorUserId && user.advisorUserId ? { advisorUserId: user.advisorUserId } : {};
        if (newerToken || advisorColumns.advisorUserId) {
          current.set(user.userId, { ...before, ...tokenColumns, ...advisorColumns });
          toWrite.add(user.userId);
        }
        return;
      }
      applied[index] = true;

      current.set(user.userId, {
        ...(before ?? {}),
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
      toWrite.add(user.userId);
      const changed =
        !before || before.status !== user.status || !sameRequirements(before.requirements ?? {}, { ...user.requirements });
      if (!changed) return;
      const change: UserChange = {
        status: user.status,
        requirements: { ...user.requirements },
        previousStatus: before?.status ?? null,
      };
      changes.push({ input: index, userId: user.userId, kind, payload: { ...change } });
    });

    const rows = await upsertUsers(
      tx,
      [...toWrite].map((id) => current.get(id)!),
    );
    const events = await appendEvents(
      tx,
      changes.map(({ userId, kind, payload }) => ({ userId, kind, payload })),
    );
    return {
      applied,
      rows: new Map(rows.map((row) => [row.userId, row])),
      events: changes.map(({ input, userId }, i) => ({ input, userId, event: events[i]! })),
    };
  });
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
