"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useEventStream } from "@/components/hooks/use-event-stream";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/field";
import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { applyUserChange, initialLiveListState, type UserListItem } from "@/lib/admin/live-user-list";
import { userListHref, userListSearch, type UserListQuery, type UserTab } from "@/lib/admin/user-list-query";
import type { AdminUserMessage, FeedSignal } from "@/lib/realtime/stream-messages";
import { LiveIndicator } from "./live-indicator";
import { Pagination } from "./pagination";
import { UsersTable } from "./users-table";

const TAB_LABELS: Record<UserTab, string> = {
  pending: "Pending",
  verified: "Verified",
  unsupported: "Unsupported",
  all: "All",
};

export interface LiveUsersProps {
  query: UserListQuery;
  rows: UserListItem[];
  counts: Record<UserTab, number>;
  /** The newest event id when the page was rendered: the stream starts there, so nothing is missed. */
  since: number;
}

/** The users list with its tabs and pages, kept current by the admin event stream. */
export function LiveUsers({ query, rows, counts, since }: LiveUsersProps) {
  const router = useRouter();
  // Rendered again by the server (new URL or refresh) -> start over from what it rendered.
  const renderKey = `${userListSearch(query)}@${since}`;
  const [state, setState] = useState(() => ({ key: renderKey, ...initialLiveListState(rows, counts, since) }));
  const current = state.key === renderKey ? state : { key: renderKey, ...initialLiveListState(rows, counts, since) };
  const [feed, setFeed] = useState<FeedSignal | null>(null);

  const onMessage = useCallback(
    (message: AdminUserMessage, id: number) =>
      setState((previous) => {
        const base = previous.key === renderKey ? previous : { key: renderKey, ...initialLiveListState(rows, counts, since) };
        return { key: renderKey, ...applyUserChange(base, message, id, query) };
      }),
    [renderKey, rows, counts, since, query],
  );
  const stream = useEventStream<AdminUserMessage>("/api/admin/events", {
    event: "user",
    since,
    onMessage,
    signal: { event: "feed", onSignal: (data) => setFeed(data as FeedSignal) },
  });

  const totalPages = Math.max(1, Math.ceil(current.counts[query.tab] / query.pageSize));
  const exportSearch = userListSearch({ ...query, page: 1 });

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <LiveIndicator stream={stream} feed={feed} />
        <a
          href={`/api/admin/users/export${exportSearch ? `?${exportSearch}` : ""}`}
          download
          className={cx("text-brand-700 rounded text-sm font-semibold underline underline-offset-4", focusRing)}
        >
          Export {current.counts[query.tab].toLocaleString("en-US")} as CSV
        </a>
      </div>

      <nav aria-label="Status" className="mt-4 border-b border-gray-300">
        <ul className="-mb-px flex flex-wrap gap-x-1">
          {(Object.keys(TAB_LABELS) as UserTab[]).map((tab) => {
            const active = tab === query.tab;
            return (
              <li key={tab}>
                <Link
                  href={userListHref(query, { tab })}
                  aria-current={active ? "page" : undefined}
                  className={cx(
                    "inline-flex min-h-11 items-center gap-2 rounded-t-md border-b-2 px-3 text-sm font-semibold",
                    active ? "border-brand-600 text-brand-800" : "text-ink-muted hover:text-ink border-transparent",
                    focusRing,
                  )}
                >
                  {TAB_LABELS[tab]}
                  <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs text-gray-800" data-testid={`count-${tab}`}>
                    {current.counts[tab].toLocaleString("en-US")}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {current.outOfDate ? (
        <div className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-gray-300 bg-gray-50 p-3 text-sm">
          <p>Users matching this search may have changed.</p>
          <Button variant="secondary" className="min-h-10 px-4 py-1.5 text-sm" onClick={() => router.refresh()}>
            Refresh the list
          </Button>
        </div>
      ) : null}

      <div aria-live="polite" className="sr-only" data-testid="list-announcement">
        {current.announcement}
      </div>

      <UsersTable rows={current.rows} query={query} highlighted={current.highlighted} tabLabel={TAB_LABELS[query.tab]} />

      {current.rows.length === 0 ? (
        <p className="text-ink-muted mt-6">
          No users here{query.search || query.accountType || query.role ? " match these filters" : " yet"}.
          <VisuallyHidden> New users appear here as they register.</VisuallyHidden>
        </p>
      ) : null}

      <Pagination query={query} totalPages={totalPages} />
    </div>
  );
}
