import "server-only";
import { z } from "@/lib/zod";
import {
  ACCOUNT_ROLES,
  ACCOUNT_TYPES,
  DEFAULT_USER_LIST_QUERY,
  PAGE_SIZES,
  SEARCH_MAX_LENGTH,
  SORT_DIRECTIONS,
  USER_SORTS,
  USER_TABS,
  type UserListQuery,
} from "./user-list-query";

// The page and the CSV export read a URL with this; it is kept apart from user-list-query.ts (and
// server-only, so the build refuses a client import) because the list's client components would
// otherwise bring classic zod into the admin's first load.

// A hand-edited or stale URL falls back to the default for that part instead of failing the page.
const oneOf = <T extends readonly string[]>(values: T, fallback: T[number] | null) =>
  z.enum(values as unknown as [T[number], ...T[number][]]).catch(fallback as T[number]);

const querySchema = z.object({
  tab: oneOf(USER_TABS, DEFAULT_USER_LIST_QUERY.tab),
  type: oneOf(ACCOUNT_TYPES, null).nullable().default(null),
  role: oneOf(ACCOUNT_ROLES, null).nullable().default(null),
  q: z
    .string()
    .catch("")
    .default("")
    // Control characters (NUL above all, which PostgreSQL refuses in text) never belong in a search.
    .transform((value) => value.replace(/[\u0000-\u001F\u007F]/g, " ").trim().slice(0, SEARCH_MAX_LENGTH)),
  sort: oneOf(USER_SORTS, DEFAULT_USER_LIST_QUERY.sort),
  dir: oneOf(SORT_DIRECTIONS, DEFAULT_USER_LIST_QUERY.direction),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  size: z.coerce
    .number()
    .refine((size) => (PAGE_SIZES as readonly number[]).includes(size))
    .catch(DEFAULT_USER_LIST_QUERY.pageSize)
    .default(DEFAULT_USER_LIST_QUERY.pageSize),
});

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** The list query of a URL's search params; anything unknown or malformed takes its default. */
export function parseUserListQuery(input: SearchParamsInput): UserListQuery {
  const raw: Record<string, string | undefined> = {};
  if (input instanceof URLSearchParams) {
    for (const key of input.keys()) raw[key] = input.get(key) ?? undefined;
  } else {
    for (const [key, value] of Object.entries(input)) raw[key] = Array.isArray(value) ? value[0] : value;
  }
  const parsed = querySchema.parse(raw);
  return {
    tab: parsed.tab,
    accountType: parsed.type,
    role: parsed.role,
    search: parsed.q,
    sort: parsed.sort,
    direction: parsed.dir,
    page: parsed.page,
    pageSize: parsed.size as UserListQuery["pageSize"],
  };
}
