import Link from "next/link";
import { cx, focusRing } from "@/components/ui/field";
import { userListHref, type UserListQuery } from "@/lib/admin/user-list-query";

const linkClass = cx(
  "inline-flex min-h-11 items-center rounded-lg border border-gray-500 bg-white px-4 text-sm font-semibold text-ink hover:bg-gray-50",
  focusRing,
);

/** Previous / next with where you are; pages are links, so each is a URL of its own. */
export function Pagination({ query, totalPages }: { query: UserListQuery; totalPages: number }) {
  if (totalPages <= 1 && query.page === 1) return null;
  const previous = query.page > 1 ? Math.min(query.page - 1, totalPages) : null;
  const next = query.page < totalPages ? query.page + 1 : null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-ink-muted text-sm" aria-current="page">
        Page {query.page.toLocaleString("en-US")} of {totalPages.toLocaleString("en-US")}
      </p>
      <div className="flex gap-2">
        {previous ? (
          <Link href={userListHref(query, { page: previous })} className={linkClass} rel="prev">
            Previous<span className="sr-only"> page</span>
          </Link>
        ) : null}
        {next ? (
          <Link href={userListHref(query, { page: next })} className={linkClass} rel="next">
            Next<span className="sr-only"> page</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
