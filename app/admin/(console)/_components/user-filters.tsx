import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { ACCOUNT_TYPE_LABELS, ROLE_LABELS } from "@/lib/admin/status-labels";
import { DEFAULT_USER_LIST_QUERY, SEARCH_MAX_LENGTH, type UserListQuery } from "@/lib/admin/user-list-query";

const TYPE_OPTIONS = Object.entries(ACCOUNT_TYPE_LABELS).map(([value, label]) => ({ value, label }));
const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

/**
 * Search and filters as a plain GET form: the URL holds the whole view, so it works without
 * JavaScript, with the keyboard, and with the browser's back button. The tab and sort are kept.
 */
export function UserFilters({ query }: { query: UserListQuery }) {
  const filtered = query.search || query.accountType || query.role;
  return (
    <form method="get" action="/admin" role="search" aria-label="Users" className="flex flex-wrap items-end gap-x-4 gap-y-3">
      {query.tab !== DEFAULT_USER_LIST_QUERY.tab ? <input type="hidden" name="tab" value={query.tab} /> : null}
      {query.sort !== DEFAULT_USER_LIST_QUERY.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.direction !== DEFAULT_USER_LIST_QUERY.direction ? <input type="hidden" name="dir" value={query.direction} /> : null}
      {query.pageSize !== DEFAULT_USER_LIST_QUERY.pageSize ? <input type="hidden" name="size" value={query.pageSize} /> : null}
      <TextField
        name="q"
        type="search"
        label="Search"
        hint="Name, email or user id"
        defaultValue={query.search}
        maxLength={SEARCH_MAX_LENGTH}
        autoComplete="off"
        spellCheck={false}
        className="min-w-0 flex-[2_1_16rem]"
      />
      <SelectField
        name="type"
        label="Account type"
        options={TYPE_OPTIONS}
        placeholder="Any type"
        defaultValue={query.accountType ?? ""}
        className="min-w-0 flex-[1_1_10rem]"
      />
      <SelectField
        name="role"
        label="Role"
        options={ROLE_OPTIONS}
        placeholder="Any role"
        defaultValue={query.role ?? ""}
        className="min-w-0 flex-[1_1_10rem]"
      />
      <div className="flex items-center gap-3 pb-0.5">
        <Button type="submit">Apply</Button>
        {filtered ? (
          <Link href={query.tab === "pending" ? "/admin" : `/admin?tab=${query.tab}`} className="text-brand-700 underline underline-offset-4">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
