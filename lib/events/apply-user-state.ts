import "server-only";
import { sql } from "drizzle-orm";
import { seal } from "@/lib/crypto/secret-box";
import { isEmbeddedDatabase, queryRows, type Database } from "@/lib/db/client";
import { EVENT_LOG_CHANNEL, EVENT_LOG_WRITER_LOCK } from "@/lib/db/events";
import { rowFromJson } from "@/lib/db/json-rows";
import { events, users, type EventRow, type UserRow } from "@/lib/db/schema";
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
 * `applyUserState` for several snapshots, in order, in one statement whatever their count: when the
 * feed delivers faster than one write per event, the queued events are written together (group
 * commit) instead of one transaction each.
 */
export async function applyUserStates(db: Database, inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
  if (inputs.length === 0) return [];
  const outcome = await writeUserStates(db, inputs);

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

/** What `writeUserStates` stored: per input whether it applied, the rows written, the events appended. */
export interface UserStatesWritten {
  applied: boolean[];
  rows: Map<string, UserRow>;
  events: Array<{ input: number; userId: string; event: EventRow }>;
}

/** What the database function `apply_user_states` answers (lib/db/migrations/0004_apply_user_states.sql). */
interface AppliedInDatabase {
  applied: boolean[];
  users: Array<Record<string, unknown>>;
  events: Array<{ input: number; event: Record<string, unknown> }>;
}

/**
 * The database half of `applyUserStates`; publishes nothing. The rules above run inside the
 * database, in one statement (`apply_user_states`): every stream waits for this write before it
 * sees the event, and one round trip costs a fraction of the five (begin, read, upsert, append,
 * commit) the same rules took from here. Tokens are sealed here first: the key never leaves the app.
 */
export async function writeUserStates(db: Database, inputs: readonly ApplyInput[]): Promise<UserStatesWritten> {
  const payload = inputs.map(({ user, observedAtNs, kind, token }) => ({
    user,
    observedAtNs: String(observedAtNs),
    kind,
    token: token
      ? { sealed: seal(token.token, requireSecret("tokenEncryptionKey")), expiresAt: token.expiresAt.toISOString() }
      : null,
  }));
  const shared = !isEmbeddedDatabase(db);
  const [answer] = await queryRows<{ outcome: AppliedInDatabase }>(
    db,
    sql`SELECT apply_user_states(${JSON.stringify(payload)}::jsonb, ${shared ? EVENT_LOG_WRITER_LOCK : null}::bigint, ${EVENT_LOG_CHANNEL}) AS outcome`,
  );
  const outcome = answer!.outcome;
  const rows = outcome.users.map((json) => rowFromJson(users, json));
  return {
    applied: outcome.applied,
    rows: new Map(rows.map((row) => [row.userId, row])),
    events: outcome.events.map(({ input, event }) => {
      const row = rowFromJson(events, event);
      return { input, userId: row.userId, event: row };
    }),
  };
}
/** Nanoseconds since the epoch, for snapshots the app takes itself (read it before asking sFOX). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
