import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { statusOfTab, type UserListQuery, type UserTab } from "@/lib/admin/user-list-query";
import type { Database } from "./client";
import { userSearch, users, type UserRow } from "./schema";

/** What a row of the users list needs; no token, no sFOX timestamp. */
export type UserListRow = Pick<
  UserRow,
  | "userId"
  | "firstName"
  | "lastName"
  | "email"
  | "phoneNumber"
  | "accountType"
  | "accountRole"
  | "status"
  | "requirements"
  | "advisorUserId"
  | "createdAt"
  | "updatedAt"
  | "deactivatedAt"
>;

const listColumns = {
  userId: users.userId,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  phoneNumber: users.phoneNumber,
  accountType: users.accountType,
  accountRole: users.accountRole,
  status: users.status,
  requirements: users.requirements,
  advisorUserId: users.advisorUserId,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  deactivatedAt: users.deactivatedAt,
};

type Filters = Pick<UserListQuery, "accountType" | "role" | "search">;

/** `%`, `_` and `\` typed into the search box are literal characters, not patterns. */
function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The users whose name, email or user id holds `search` (user_search's trigram index answers it). */
export function searchCondition(search: string): SQL {
  return sql`${users.userId} IN (SELECT ${userSearch.userId} FROM ${userSearch} WHERE ${userSearch.text} LIKE ${likePattern(search)})`;
}

function filterConditions(filters: Filters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.accountType) conditions.push(eq(users.accountType, filters.accountType));
  if (filters.role) conditions.push(eq(users.accountRole, filters.role));
  if (filters.search) conditions.push(searchCondition(filters.search));
  return conditions;
}

function whereOf(query: Filters & { tab: UserTab }): SQL | undefined {
  const status = statusOfTab(query.tab);
  return and(...filterConditions(query), ...(status ? [eq(users.status, status)] : []));
}

function orderOf(query: Pick<UserListQuery, "sort" | "direction">): SQL[] {
  const column = query.sort === "changed" ? users.updatedAt : users.createdAt;
  const direction = query.direction === "asc" ? asc : desc;
  // user_id breaks ties, so paging through equal timestamps neither repeats nor skips a row.
  return [direction(column), direction(users.userId)];
}

/** One page of the list. */
export function listUsersPage(db: Database, query: UserListQuery): Promise<UserListRow[]> {
  return db
    .select(listColumns)
    .from(users)
    .where(whereOf(query))
    .orderBy(...orderOf(query))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

export type TabCounts = Record<UserTab, number>;

/** How many users each tab holds under the current filters and search (one grouped scan). */
export async function countUsersByTab(db: Database, filters: Filters): Promise<TabCounts> {
  const rows = await db
    .select({ status: users.status, count: sql<number>`count(*)::int` })
    .from(users)
    .where(and(...filterConditions(filters)))
    .groupBy(users.status);
  const counts: TabCounts = { pending: 0, verified: 0, unsupported: 0, all: 0 };
  for (const row of rows) {
    counts[row.status] = Number(row.count);
    counts.all += Number(row.count);
  }
  return counts;
}

/**
 * Every user of the query's tab, filters and search (all pages), in the list's order, in batches:
 * the CSV export, which must not hold 100,000 rows in memory at once. Pages by keyset, not offset,
 * so the last batch costs what the first does.
 */
export async function* iterateUsersForExport(
  db: Database,
  query: Filters & { tab: UserTab } & Partial<Pick<UserListQuery, "sort" | "direction">>,
  batchSize = 1_000,
): AsyncGenerator<UserListRow[]> {
  const column = query.sort === "changed" ? users.updatedAt : users.createdAt;
  const ascending = query.direction === "asc";
  // The cursor is the timestamp as PostgreSQL prints it: a JS Date would drop the microseconds and
  // skip rows created within the same millisecond.
  let after: { at: string; userId: string } | null = null;
  for (;;) {
    const keyset: SQL | undefined = after
      ? ascending
        ? sql`(${column}, ${users.userId}) > (${after.at}::timestamptz, ${after.userId})`
        : sql`(${column}, ${users.userId}) < (${after.at}::timestamptz, ${after.userId})`
      : undefined;
    const batch: Array<UserListRow & { cursor: string }> = await db
      .select({ ...listColumns, cursor: sql<string>`${column}::text` })
      .from(users)
      .where(and(whereOf(query), keyset))
      .orderBy(...orderOf({ sort: query.sort ?? "created", direction: query.direction ?? "desc" }))
      .limit(batchSize);
    if (batch.length > 0) yield batch.map(({ cursor: _cursor, ...row }) => row);
    if (batch.length < batchSize) return;
    const last: UserListRow & { cursor: string } = batch[batch.length - 1]!;
    after = { at: last.cursor, userId: last.userId };
  }
}

/** Users who name this advisor: shown on an advisor's detail page. */
export function listClientsOfAdvisor(db: Database, advisorUserId: string, limit = 50): Promise<UserListRow[]> {
  return db
    .select(listColumns)
    .from(users)
    .where(eq(users.advisorUserId, advisorUserId))
    .orderBy(desc(users.createdAt))
    .limit(limit);
}
