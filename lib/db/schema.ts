import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One schema for both drivers (PGlite and PostgreSQL). Column names are snake_case in SQL and
 * camelCase in TypeScript. Government id numbers have no column anywhere, on purpose.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** A browser's journey through the wizard, keyed by the signed session cookie. */
export const onboardingSessions = pgTable(
  "onboarding_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Chosen once when the onboarding starts, so a retried or doubled submission reuses it.
    userId: text("user_id").notNull().unique(),
    step: text("step").notNull().default("account"),
    // The answers so far, without id numbers (the wizard strips them before saving).
    draft: jsonb("draft").$type<Record<string, unknown>>().notNull().default({}),
    consentedAt: timestamp("consented_at", { withTimezone: true }),
    registeredAt: timestamp("registered_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("onboarding_sessions_updated_at_idx").on(table.updatedAt)],
);

/** The app's copy of each sFOX end user, kept current by the feed and reconciliation. */
export const users = pgTable(
  "users",
  {
    userId: text("user_id").primaryKey(),
    accountType: text("account_type").$type<"individual" | "corporation">().notNull(),
    accountRole: text("account_role").$type<"client" | "advisor">().notNull(),
    status: text("status").$type<"pending" | "verified" | "unsupported">().notNull(),
    requirements: jsonb("requirements").$type<Record<string, boolean>>().notNull().default({}),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email").notNull(),
    phoneNumber: text("phone_number").notNull(),
    advisorUserId: text("advisor_user_id"),
    // AES-256-GCM ciphertext (see lib/crypto/secret-box.ts); never stored in clear.
    userTokenEncrypted: text("user_token_encrypted"),
    userTokenExpiresAt: timestamp("user_token_expires_at", { withTimezone: true }),
    // sFOX's own timestamp (ns since epoch) of the newest state applied, so older events never win.
    sfoxUpdatedNs: bigint("sfox_updated_ns", { mode: "bigint" }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // The back office's list sorts each tab (or all users) by creation or by latest change, and an
  // advisor's page lists their clients: each of those is an index, so a page stays a short index
  // scan with 100,000 users (see npm run bench:admin).
  (table) => [
    index("users_status_created_at_idx").on(table.status, table.createdAt),
    index("users_status_updated_at_idx").on(table.status, table.updatedAt),
    index("users_created_at_idx").on(table.createdAt),
    index("users_updated_at_idx").on(table.updatedAt),
    index("users_advisor_user_id_idx").on(table.advisorUserId),
  ],
);

/**
 * What the back office's search box looks in: one row per user (lower-cased name, email and user
 * id), kept by triggers on `users` (migration 0005) and rewritten only when those change. It is a
 * table apart so that its trigram index is not touched by every feed write: a write changes the
 * user's status (an indexed column, so PostgreSQL adds an entry to every index of the table) and, on
 * `users`, each write grew the index's pending list until one write in ~4,600 paid ~50 ms to merge it.
 */
export const userSearch = pgTable(
  "user_search",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.userId, { onDelete: "cascade" }),
    text: text("text").notNull(),
  },
  // The search looks for a fragment anywhere in the text: trigrams answer that without reading every
  // row. Rows are written rarely (a new user, a rename), so each goes into the index at once
  // (fastupdate off): no pending list that only VACUUM would clear, which the embedded database
  // never runs and which makes the planner read the whole table instead.
  (table) => [
    index("user_search_text_trgm_idx").using("gin", sql`${table.text} gin_trgm_ops`).with({ fastupdate: false }),
  ],
);

/** Append-only: every change to a user, in the order the app received it. Triggers forbid edits. */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("events_user_id_id_idx").on(table.userId, table.id)],
);

/** Append-only: who did what to whom, and how it ended. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetUserId: text("target_user_id"),
    outcome: text("outcome").$type<"ok" | "error">().notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (table) => [index("audit_log_target_user_id_id_idx").on(table.targetUserId, table.id)],
);

export * from "./auth-schema";

export type OnboardingSessionRow = typeof onboardingSessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type EventRow = typeof events.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
