import { describe, expect, it } from "vitest";
import { parseUserListQuery } from "./parse-user-list-query";
import { DEFAULT_USER_LIST_QUERY, userListHref, userListSearch } from "./user-list-query";

describe("parseUserListQuery", () => {
  it("gives the Pending tab, newest first, page 1 when the URL says nothing", () => {
    expect(parseUserListQuery({})).toEqual(DEFAULT_USER_LIST_QUERY);
  });

  it("reads every part of the view from the URL", () => {
    const query = parseUserListQuery(new URLSearchParams("tab=all&type=corporation&role=advisor&q=%20Ada%20&sort=changed&dir=asc&page=3&size=50"));
    expect(query).toEqual({
      tab: "all",
      accountType: "corporation",
      role: "advisor",
      search: "Ada",
      sort: "changed",
      direction: "asc",
      page: 3,
      pageSize: 50,
    });
  });

  it("falls back part by part on a hand-edited or hostile URL instead of failing the page", () => {
    const query = parseUserListQuery({ tab: "deleted", type: "robot", role: ["advisor", "client"], page: "-4", size: "1000000", sort: "drop table", dir: "sideways" });
    expect(query).toEqual({ ...DEFAULT_USER_LIST_QUERY, role: "advisor" });
    expect(parseUserListQuery({ page: "2.5" }).page).toBe(1);
    expect(parseUserListQuery({ page: "1e9" }).page).toBe(1);
  });

  it("turns control characters in a search into spaces (PostgreSQL refuses NUL in text)", () => {
    expect(parseUserListQuery({ q: "\u0000Ada\u0007 Lovelace\n" }).search).toBe("Ada  Lovelace");
  });

  it("cuts an overlong search to 100 characters", () => {
    expect(parseUserListQuery({ q: "x".repeat(5_000) }).search).toHaveLength(100);
  });
});

describe("userListSearch / userListHref", () => {
  it("leaves defaults out of the URL, and round-trips", () => {
    expect(userListSearch(DEFAULT_USER_LIST_QUERY)).toBe("");
    const query = { ...DEFAULT_USER_LIST_QUERY, tab: "verified" as const, search: "a&b=c", page: 2 };
    expect(parseUserListQuery(new URLSearchParams(userListSearch(query)))).toEqual(query);
  });

  it("goes back to page 1 on any change but the page itself", () => {
    const onPage4 = { ...DEFAULT_USER_LIST_QUERY, page: 4 };
    expect(userListHref(onPage4, { tab: "all" })).toBe("/admin?tab=all");
    expect(userListHref(onPage4, { page: 5 })).toBe("/admin?page=5");
    expect(userListHref(onPage4, { page: 1 })).toBe("/admin");
  });
});
