/**
 * The pages `npm run bench:admin` times, and what each must show. The expectation is read from the
 * seeded database with the list's own queries before the app starts, so a response that is a
 * redirect to sign-in, an error page or an empty list can never be timed as a page.
 */
import { parseUserListQuery } from "../../lib/admin/parse-user-list-query";
import type { UserTab } from "../../lib/admin/user-list-query";
import type { Database } from "../../lib/db/client";
import { listUserEvents } from "../../lib/db/events";
import { countUsersByTab, listUsersPage } from "../../lib/db/user-list";
import { getUser } from "../../lib/db/users";

/** The four figures of the BENCH line; other scenarios are extra rows of the table. */
export type HeadlineKey = "list" | "filter" | "search" | "detail";

export interface Scenario {
  name: string;
  headline?: HeadlineKey;
  path: string;
}

export type Expectation =
  | { kind: "list"; tab: UserTab; count: number; userIds: string[] }
  | { kind: "detail"; userId: string; name: string; events: number };

/** The detail page shows at most this many events (app/admin/(console)/users/[userId]/page.tsx). */
const TIMELINE_LIMIT = 1_000;
const PAGE_SIZE = 25;

/** Seeded users are `${prefix}-000001`…; the first one has the long timeline (lib/db/seed-users.ts). */
export function adminScenarios(users: number, prefix: string): Scenario[] {
  // Halfway through All: the largest OFFSET a person paging from either end would reach.
  const middlePage = Math.max(1, Math.floor(users / PAGE_SIZE / 2));
  // An id fragment shared by a hundred users in the middle of the range: the trigram index's case.
  const idFragment = `${prefix}-${String(Math.floor(users / 2))
    .padStart(6, "0")
    .slice(0, -2)}`;
  return [
    { name: "list", headline: "list", path: "/admin" },
    { name: "filter", headline: "filter", path: "/admin?tab=all&type=corporation" },
    { name: "search", headline: "search", path: "/admin?tab=all&q=lovelace" },
    { name: "detail", headline: "detail", path: `/admin/users/${prefix}-000001` },
    { name: "role filter", path: "/admin?tab=verified&role=advisor" },
    { name: "search by id", path: `/admin?tab=all&q=${idFragment}` },
    { name: "deep page", path: `/admin?tab=all&page=${middlePage}` },
    { name: "sort by change", path: "/admin?tab=all&sort=changed&dir=asc" },
  ];
}

export async function expectationOf(db: Database, scenario: Scenario): Promise<Expectation> {
  const url = new URL(scenario.path, "http://bench.invalid");
  const detail = /^\/admin\/users\/([^/]+)$/.exec(url.pathname);
  if (detail) {
    const userId = decodeURIComponent(detail[1]!);
    const user = await getUser(db, userId);
    if (!user) throw new Error(`${scenario.name}: the seeded database has no user ${userId}`);
    const events = (await listUserEvents(db, userId, TIMELINE_LIMIT)).length;
    return { kind: "detail", userId, name: `${user.firstName} ${user.lastName}`.trim(), events };
  }
  const query = parseUserListQuery(url.searchParams);
  const rows = await listUsersPage(db, query);
  if (rows.length === 0) throw new Error(`${scenario.name}: ${scenario.path} would show no users; seed more`);
  const counts = await countUsersByTab(db, query);
  return { kind: "list", tab: query.tab, count: counts[query.tab], userIds: rows.map((row) => row.userId) };
}

/** What is wrong with a response's HTML for this expectation, or null when it shows what it should. */
export function problemWith(html: string, expected: Expectation): string | null {
  if (expected.kind === "list") {
    const shown = [...html.matchAll(/data-user-id="([^"]+)"/g)].map((match) => match[1]);
    if (shown.join(",") !== expected.userIds.join(",")) {
      return `expected rows ${expected.userIds.slice(0, 3).join(", ")}… (${expected.userIds.length}), got ${shown.length} rows`;
    }
    const count = new RegExp(`data-testid="count-${expected.tab}"[^>]*>([\\d,]+)<`).exec(html)?.[1];
    if (count?.replaceAll(",", "") !== String(expected.count)) {
      return `expected the ${expected.tab} tab to count ${expected.count}, got ${count ?? "no count"}`;
    }
    return null;
  }
  if (!html.includes(`>${escapeHtml(expected.name)}</h1>`) || !html.includes(expected.userId)) {
    return `expected the page of ${expected.userId} (${expected.name})`;
  }
  const start = html.indexOf('data-testid="timeline"');
  const timeline = start < 0 ? "" : html.slice(start, html.indexOf("</ol>", start));
  const entries = timeline.split("<li").length - 1;
  return entries === expected.events ? null : `expected ${expected.events} timeline entries, got ${entries}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}
