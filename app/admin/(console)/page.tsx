import type { Metadata } from "next";
import { requireAdmin } from "@/lib/admin/require-admin";
import { maskEmail } from "@/lib/admin/mask-contact";
import type { UserListItem } from "@/lib/admin/live-user-list";
import { parseUserListQuery } from "@/lib/admin/parse-user-list-query";
import { userListSearch } from "@/lib/admin/user-list-query";
import { getDb } from "@/lib/db/client";
import { latestEventId } from "@/lib/db/events";
import { countUsersByTab, listUsersPage, type UserListRow } from "@/lib/db/user-list";
import { LiveUsers } from "./_components/live-users";
import { UserFilters } from "./_components/user-filters";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const query = parseUserListQuery(await searchParams);
  const search = userListSearch(query);
  // Checked again here: a layout's redirect alone protects nothing.
  await requireAdmin(search ? `/admin?${search}` : "/admin");

  // One snapshot for the rows, the counts and the stream's starting point: every event after
  // `since` is one the page does not show yet, so the stream applies each exactly once.
  const { since, rows, counts } = await (await getDb()).transaction(
    async (tx) => ({
      since: await latestEventId(tx),
      rows: await listUsersPage(tx, query),
      counts: await countUsersByTab(tx, query),
    }),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );

  return (
    <>
      <h1 className="text-ink text-2xl font-bold sm:text-3xl">Users</h1>
      <p className="text-ink-muted mt-1">Everyone who opened an account through this partner, live.</p>
      <div className="mt-6">
        <UserFilters query={query} />
      </div>
      <div className="mt-6">
        <LiveUsers query={query} rows={rows.map(toListItem)} counts={counts} since={since} />
      </div>
    </>
  );
}

/** What the browser gets of a user: the email masked, no phone, dates as text. */
function toListItem(row: UserListRow): UserListItem {
  return {
    userId: row.userId,
    firstName: row.firstName,
    lastName: row.lastName,
    emailMasked: maskEmail(row.email),
    accountType: row.accountType,
    accountRole: row.accountRole,
    status: row.status,
    requirements: { email: Boolean(row.requirements.email), sms: Boolean(row.requirements.sms) },
    createdAt: row.createdAt.toISOString(),
    changedAt: row.updatedAt.toISOString(),
    deactivated: row.deactivatedAt !== null,
  };
}
