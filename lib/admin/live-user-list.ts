import type { AdminUserMessage } from "@/lib/realtime/stream-messages";
import type { UserListQuery, UserTab } from "./user-list-query";

/** One row of the users list as the browser holds it (dates as ISO strings, email masked). */
export interface UserListItem {
  userId: string;
  firstName: string;
  lastName: string;
  emailMasked: string;
  accountType: "individual" | "corporation";
  accountRole: "client" | "advisor";
  status: "pending" | "verified" | "unsupported";
  requirements: { email: boolean; sms: boolean };
  createdAt: string;
  changedAt: string;
  deactivated: boolean;
}

export interface LiveListState {
  rows: UserListItem[];
  counts: Record<UserTab, number>;
  lastEventId: number;
  /** Rows that arrived or changed live, so the table can mark them. */
  highlighted: Record<string, "new" | "changed">;
  /**
   * A change the browser cannot place by itself (a search is active and the user is not on the
   * page, so whether they match is the server's call): the list offers a refresh instead of guessing.
   */
  outOfDate: boolean;
  /** The latest change in words, for the screen reader announcement. */
  announcement: string;
}

export function initialLiveListState(rows: UserListItem[], counts: Record<UserTab, number>, since: number): LiveListState {
  return { rows, counts, lastEventId: since, highlighted: {}, outOfDate: false, announcement: "" };
}

export function itemOfMessage(message: AdminUserMessage): UserListItem {
  return {
    userId: message.userId,
    firstName: message.user.firstName,
    lastName: message.user.lastName,
    emailMasked: message.user.emailMasked,
    accountType: message.user.accountType,
    accountRole: message.user.accountRole,
    status: message.status,
    requirements: message.requirements,
    createdAt: message.user.createdAt,
    changedAt: message.at,
    deactivated: message.user.deactivated,
  };
}

const STATUS_WORDS = { pending: "Pending", verified: "Verified", unsupported: "Unsupported" } as const;

/**
 * Applies one admin-stream event to the list on screen, as the server would have rendered it:
 * - a row on the page updates in place (and moves to the top when sorted by latest change);
 * - a user who is not on the page appears at the top when they belong there (first page, newest
 *   first, right tab and filters);
 * - the tab counts follow every status change of users who match the filters.
 * Events at or before `lastEventId` were already applied (a replay after a reconnect) and are skipped.
 */
export function applyUserChange(state: LiveListState, message: AdminUserMessage, eventId: number, query: UserListQuery): LiveListState {
  if (eventId <= state.lastEventId) return state;
  const item = itemOfMessage(message);
  const index = state.rows.findIndex((row) => row.userId === item.userId);
  const onPage = index >= 0;
  const previousStatus = onPage ? state.rows[index]!.status : message.previousStatus;
  const isNew = !onPage && message.previousStatus === null;
  const matchesFilters =
    (!query.accountType || query.accountType === item.accountType) && (!query.role || query.role === item.accountRole);
  // A row on the page matched the search when the server rendered it; anyone else is unknown.
  const matchKnown = onPage || !query.search;

  const counts = { ...state.counts };
  if (matchesFilters && matchKnown) {
    if (previousStatus === null) {
      counts[item.status] += 1;
      counts.all += 1;
    } else if (previousStatus !== item.status) {
      counts[previousStatus] = Math.max(0, counts[previousStatus] - 1);
      counts[item.status] += 1;
    }
  }

  const firstPageNewestFirst = query.page === 1 && query.direction === "desc";
  const belongsOnTop =
    matchesFilters && (query.tab === "all" || query.tab === item.status) && firstPageNewestFirst && (query.sort === "changed" || isNew);

  let rows = state.rows;
  let highlighted = state.highlighted;
  if (onPage) {
    rows = [...state.rows];
    rows[index] = item;
    if (query.sort === "changed" && firstPageNewestFirst) rows = [item, ...rows.filter((row) => row.userId !== item.userId)];
    highlighted = { ...highlighted, [item.userId]: highlighted[item.userId] === "new" ? "new" : "changed" };
  } else if (belongsOnTop && matchKnown) {
    rows = [item, ...state.rows];
    highlighted = { ...highlighted, [item.userId]: isNew ? "new" : "changed" };
  }

  const outOfDate = state.outOfDate || (!matchKnown && matchesFilters && (query.tab === "all" || query.tab === item.status || previousStatus === query.tab));
  const name = `${item.firstName} ${item.lastName}`.trim() || item.userId;
  const announcement = item.deactivated && message.kind === "deactivated"
    ? `${name} was deactivated`
    : isNew
      ? `New user: ${name}, ${STATUS_WORDS[item.status]}`
      : previousStatus !== item.status
        ? `${name} is now ${STATUS_WORDS[item.status]}`
        : `${name} was updated`;

  return { rows, counts, lastEventId: eventId, highlighted, outOfDate, announcement };
}
