import Link from "next/link";
import { cx, focusRing } from "@/components/ui/field";
import { formatUtc } from "@/lib/admin/format-time";
import type { UserListItem } from "@/lib/admin/live-user-list";
import { ACCOUNT_TYPE_LABELS, ROLE_LABELS } from "@/lib/admin/status-labels";
import { userListHref, type UserListQuery } from "@/lib/admin/user-list-query";
import { RequirementChips, StatusBadge } from "./status-badge";

const SORTABLE = { created: "Created", changed: "Last change" } as const;

/** The users of one page. Sortable columns are links (the URL holds the sort), marked with aria-sort. */
export function UsersTable({
  rows,
  query,
  highlighted,
  tabLabel,
}: {
  rows: UserListItem[];
  query: UserListQuery;
  highlighted: Record<string, "new" | "changed">;
  tabLabel: string;
}) {
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-gray-300">
      <table className="w-full min-w-[52rem] border-collapse text-left text-sm">
        <caption className="sr-only">
          {tabLabel} users, page {query.page}
        </caption>
        <thead className="bg-gray-50 text-ink">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">Name</th>
            <th scope="col" className="px-3 py-2 font-semibold">Type and role</th>
            <th scope="col" className="px-3 py-2 font-semibold">Status</th>
            <th scope="col" className="px-3 py-2 font-semibold">Verification</th>
            {(Object.keys(SORTABLE) as Array<keyof typeof SORTABLE>).map((sort) => {
              const active = query.sort === sort;
              const nextDirection = active && query.direction === "desc" ? "asc" : "desc";
              return (
                <th
                  key={sort}
                  scope="col"
                  className="px-3 py-2 font-semibold whitespace-nowrap"
                  aria-sort={active ? (query.direction === "desc" ? "descending" : "ascending") : undefined}
                >
                  <Link
                    href={userListHref(query, { sort, direction: nextDirection })}
                    className={cx("text-brand-700 inline-flex items-center gap-1 rounded underline-offset-4 hover:underline", focusRing)}
                  >
                    {SORTABLE[sort]}
                    <span aria-hidden="true">{active ? (query.direction === "desc" ? "↓" : "↑") : "↕"}</span>
                    <span className="sr-only">
                      {active ? `, sorted ${query.direction === "desc" ? "newest" : "oldest"} first` : ""}, sort{" "}
                      {nextDirection === "desc" ? "newest" : "oldest"} first
                    </span>
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const mark = highlighted[row.userId];
            const name = `${row.firstName} ${row.lastName}`.trim() || row.userId;
            return (
              <tr
                key={row.userId}
                data-user-id={row.userId}
                className={cx("border-t border-gray-200 align-top", mark ? "bg-brand-50" : null)}
              >
                <td className="px-3 py-2">
                  <Link href={`/admin/users/${encodeURIComponent(row.userId)}`} className={cx("text-brand-700 rounded font-semibold underline underline-offset-4", focusRing)}>
                    {name}
                  </Link>
                  {mark === "new" ? <span className="ml-2 text-xs font-semibold text-brand-800">New</span> : null}
                  <div className="text-ink-muted">{row.emailMasked}</div>
                  <div className="text-ink-muted font-mono text-xs">{row.userId}</div>
                </td>
                <td className="px-3 py-2">
                  {ACCOUNT_TYPE_LABELS[row.accountType]}
                  <div className="text-ink-muted">{ROLE_LABELS[row.accountRole]}</div>
                </td>
                <td className="px-3 py-2" data-testid="status">
                  <StatusBadge status={row.status} deactivated={row.deactivated} />
                </td>
                <td className="px-3 py-2">
                  <RequirementChips requirements={row.requirements} accountType={row.accountType} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{formatUtc(row.createdAt)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatUtc(row.changedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
