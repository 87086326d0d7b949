/**
 * What the users list shows: a tab, filters, a search, a sort and a page, read from the URL so
 * every view can be bookmarked, shared, exported and reloaded. Browser-safe and without zod: the
 * list's links and the live updates use it too; the server reads a URL with `parseUserListQuery`.
 */

export const USER_TABS = ["pending", "verified", "unsupported", "all"] as const;
export type UserTab = (typeof USER_TABS)[number];

export const ACCOUNT_TYPES = ["individual", "corporation"] as const;
export const ACCOUNT_ROLES = ["client", "advisor"] as const;
export const USER_SORTS = ["created", "changed"] as const;
export const SORT_DIRECTIONS = ["desc", "asc"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

export const SEARCH_MAX_LENGTH = 100;

export interface UserListQuery {
  tab: UserTab;
  accountType: (typeof ACCOUNT_TYPES)[number] | null;
  role: (typeof ACCOUNT_ROLES)[number] | null;
  /** Trimmed; empty means no search. */
  search: string;
  sort: (typeof USER_SORTS)[number];
  direction: (typeof SORT_DIRECTIONS)[number];
  page: number;
  pageSize: (typeof PAGE_SIZES)[number];
}

export const DEFAULT_USER_LIST_QUERY: UserListQuery = {
  tab: "pending",
  accountType: null,
  role: null,
  search: "",
  sort: "created",
  direction: "desc",
  page: 1,
  pageSize: 25,
};

/** The URL search string of a query (without `?`), leaving defaults out so URLs stay short. */
export function userListSearch(query: UserListQuery): string {
  const params = new URLSearchParams();
  const d = DEFAULT_USER_LIST_QUERY;
  if (query.tab !== d.tab) params.set("tab", query.tab);
  if (query.accountType) params.set("type", query.accountType);
  if (query.role) params.set("role", query.role);
  if (query.search) params.set("q", query.search);
  if (query.sort !== d.sort) params.set("sort", query.sort);
  if (query.direction !== d.direction) params.set("dir", query.direction);
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== d.pageSize) params.set("size", String(query.pageSize));
  return params.toString();
}

/** The list's URL for a query changed by `change`; any change other than the page goes to page 1. */
export function userListHref(query: UserListQuery, change: Partial<UserListQuery> = {}): string {
  const next = { ...query, ...change };
  if (!("page" in change)) next.page = 1;
  const search = userListSearch(next);
  return search ? `/admin?${search}` : "/admin";
}

/** The status a tab shows, or null for All. */
export function statusOfTab(tab: UserTab): Exclude<UserTab, "all"> | null {
  return tab === "all" ? null : tab;
}
