import fs from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN_STATE, csvRecords, listedUserIds, registerAtSandbox, uniqueMarker, userRow, type SandboxRegistration } from "./support/admin";
import { decide } from "./support/sandbox";

// The users list's search, filters, tabs, sort, pages and CSV export, checked against a known set of
// 30 users that only this file's marker finds (other specs add users to the same app at the same time).
test.use({ storageState: ADMIN_STATE });

type Status = "pending" | "verified" | "unsupported";
interface KnownUser extends SandboxRegistration {
  index: number;
  status: Status;
}

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Katherine"] as const;
const COUNT = 30;

let marker = "";
let known: KnownUser[] = [];
/** Users in the order their last change happened (registration, then the decisions below). */
let changeOrder: string[] = [];

/**
 * Every third user is a corporation, every fourth an advisor; every fifth gets VERIFIED and every
 * seventh (not also a fifth) UNSUPPORTED. Two names test the CSV's quoting and formula guard.
 */
function makeUsers(): KnownUser[] {
  return Array.from({ length: COUNT }, (_, index) => {
    const id = `${marker}-${String(index).padStart(2, "0")}`;
    const firstName = index === 2 ? "=2+3" : index === 4 ? 'Barbara, "Babs"' : FIRST_NAMES[index % FIRST_NAMES.length]!;
    return {
      index,
      userId: id,
      type: index % 3 === 0 ? "corporation" : "individual",
      role: index % 4 === 0 ? "advisor" : "client",
      firstName,
      lastName: `Lister ${marker}`,
      email: `${marker}.${index}@example.com`,
      status: index % 5 === 0 ? "verified" : index % 7 === 0 ? "unsupported" : "pending",
    };
  });
}

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  marker = uniqueMarker("lst");
  known = makeUsers();
  const admin = await playwright.request.newContext({ baseURL, storageState: ADMIN_STATE });
  // One after the other: sFOX's feed delivers them in this order, so this is their creation order.
  for (const user of known) await registerAtSandbox(admin, user);
  await expect.poll(async () => (await exportRows(admin, `tab=all&q=${marker}`)).length, { timeout: 20_000 }).toBe(COUNT);

  const decided = known.filter((user) => user.status !== "pending");
  for (const user of decided) await decide(admin, user.userId, user.status === "verified" ? "VERIFIED" : "UNSUPPORTED");
  await expect
    .poll(async () => (await exportRows(admin, `tab=all&q=${marker}`)).filter((row) => row.status !== "pending").length, { timeout: 20_000 })
    .toBe(decided.length);
  changeOrder = [...known.filter((user) => user.status === "pending"), ...decided].map((user) => user.userId);
  await admin.dispose();
});

async function exportRows(request: APIRequestContext, search: string) {
  const response = await request.get(`/api/admin/users/export?${search}`);
  expect(response.status()).toBe(200);
  return csvRecords((await response.text()).replace(/^\uFEFF/, ""));
}

/** The known users a view should show, newest first (or as `order` says), as ids. */
function expected(filter: (user: KnownUser) => boolean, order: "created-desc" | "created-asc" | "changed-desc" = "created-desc"): string[] {
  const matching = new Set(known.filter(filter).map((user) => user.userId));
  const ids = order === "changed-desc" ? changeOrder : known.map((user) => user.userId);
  const ordered = ids.filter((id) => matching.has(id));
  return order === "created-asc" ? ordered : ordered.reverse();
}

const all = () => true;

async function expectRows(page: Page, ids: string[]) {
  await expect.poll(() => listedUserIds(page)).toEqual(ids);
}

async function expectCounts(page: Page, counts: Record<"pending" | "verified" | "unsupported" | "all", number>) {
  for (const [tab, count] of Object.entries(counts)) await expect(page.getByTestId(`count-${tab}`), `count of ${tab}`).toHaveText(String(count));
}

const countsOf = (filter: (user: KnownUser) => boolean) => {
  const users = known.filter(filter);
  return {
    pending: users.filter((user) => user.status === "pending").length,
    verified: users.filter((user) => user.status === "verified").length,
    unsupported: users.filter((user) => user.status === "unsupported").length,
    all: users.length,
  };
};

test("search finds users by marker, name, email or user id, whatever the case", async ({ page }) => {
  await page.goto("/admin");
  const search = page.getByRole("search", { name: "Users" });
  await search.getByLabel("Search").fill(marker.toUpperCase());
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${marker.toUpperCase()}(&|$)`));
  // The default tab, Pending: 20 of the 30 are pending, newest first.
  await expectRows(page, expected((user) => user.status === "pending"));
  await expectCounts(page, countsOf(all));
  await expect(page.getByRole("link", { name: "Export 20 as CSV" })).toBeVisible();

  // A first name together with the marker: the five Graces.
  await search.getByLabel("Search").fill(`grace lister ${marker}`);
  await search.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: /^All/ }).click();
  await expect(page).toHaveURL(/[?&]tab=all(&|$)/);
  await expectRows(page, expected((user) => user.firstName === "Grace"));
  expect(await listedUserIds(page)).toHaveLength(5);

  // An email, and a user id: one user each.
  for (const [query, index] of [[`${marker}.13@example`, 13], [`${marker}-07`, 7]] as const) {
    await search.getByLabel("Search").fill(query);
    await search.getByRole("button", { name: "Apply" }).click();
    await expectRows(page, [known[index]!.userId]);
    await expect(userRow(page, known[index]!.userId)).toContainText(`${known[index]!.firstName} Lister ${marker}`);
  }

  // Nothing matches: said in words.
  await search.getByLabel("Search").fill(`${marker}-nobody`);
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No users here match these filters.")).toBeVisible();
  await expectCounts(page, { pending: 0, verified: 0, unsupported: 0, all: 0 });
});

test("filters combine with the search and the tabs, and each row says what it is", async ({ page }) => {
  await page.goto(`/admin?tab=all&q=${marker}`);
  const search = page.getByRole("search", { name: "Users" });
  await search.getByLabel("Account type").selectOption({ label: "Corporation" });
  await search.getByLabel("Role").selectOption({ label: "Advisor" });
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]type=corporation(&|$)/);
  await expect(page).toHaveURL(/[?&]role=advisor(&|$)/);
  const corporateAdvisors = (user: KnownUser) => user.type === "corporation" && user.role === "advisor";
  await expectRows(page, expected(corporateAdvisors));
  await expectCounts(page, countsOf(corporateAdvisors));
  for (const id of expected(corporateAdvisors)) {
    await expect(userRow(page, id)).toContainText("CorporationAdvisor");
  }
  // The filters stay when the tab changes.
  await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: /^Verified/ }).click();
  await expectRows(page, expected((user) => corporateAdvisors(user) && user.status === "verified"));
  await expect(search.getByLabel("Account type")).toHaveValue("corporation");

  // Individual clients that sFOX found unsupported.
  await page.goto(`/admin?tab=unsupported&q=${marker}&type=individual&role=client`);
  const unsupportedClients = (user: KnownUser) => user.type === "individual" && user.role === "client" && user.status === "unsupported";
  await expectRows(page, expected(unsupportedClients));
  for (const id of expected(unsupportedClients)) await expect(userRow(page, id).getByTestId("status")).toHaveText("Unsupported");
  await expectCounts(page, countsOf((user) => user.type === "individual" && user.role === "client"));

  // Clear drops the filters and keeps the tab.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/admin\?tab=unsupported$/);
});

test("pages of 25, a bigger page size, and sorting by creation or last change", async ({ page }) => {
  await page.goto(`/admin?tab=all&q=${marker}`);
  const newestFirst = expected(all);
  await expectRows(page, newestFirst.slice(0, 25));
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages).toContainText("Page 1 of 2");
  await expect(pages.getByRole("link", { name: "Previous page" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(pages).toContainText("Page 2 of 2");
  await expectRows(page, newestFirst.slice(25));
  await expect(pages.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(pages).toContainText("Page 1 of 2");
  await expectRows(page, newestFirst.slice(0, 25));

  await page.goto(`/admin?tab=all&q=${marker}&size=50`);
  await expectRows(page, newestFirst);
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);

  // Created: the column is sorted newest first; one click turns it to oldest first, and says so.
  const created = page.getByRole("columnheader", { name: /Created/ });
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await created.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]dir=asc(&|$)/);
  await expect(created).toHaveAttribute("aria-sort", "ascending");
  await expectRows(page, expected(all, "created-asc"));

  // Last change, newest first: the users sFOX decided on last come first.
  await page.getByRole("columnheader", { name: /Last change/ }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=changed(&|$)/);
  await expect(page.getByRole("columnheader", { name: /Last change/ })).toHaveAttribute("aria-sort", "descending");
  await expectRows(page, expected(all, "changed-desc"));
  // The sort survives a new search (the form carries it).
  await page.getByRole("search", { name: "Users" }).getByLabel("Account type").selectOption({ label: "Individual" });
  await page.getByRole("search", { name: "Users" }).getByRole("button", { name: "Apply" }).click();
  await expectRows(page, expected((user) => user.type === "individual", "changed-desc"));
});

test("the CSV export has exactly the users of the view, all pages, with their data", async ({ page }) => {
  await page.goto(`/admin?tab=all&q=${marker}`);
  const exportLink = page.getByRole("link", { name: `Export ${COUNT} as CSV` });
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^users-all-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync(await download.path(), "utf8");
  expect(text.startsWith("\uFEFFuser_id,first_name,last_name,email,")).toBe(true);
  const rows = csvRecords(text.slice(1));
  // All 30, not just the 25 of the first page, in the list's order.
  expect(rows.map((row) => row.user_id)).toEqual(expected(all));
  for (const row of rows) {
    const user = known.find((candidate) => candidate.userId === row.user_id)!;
    expect(row, user.userId).toMatchObject({
      last_name: user.lastName,
      email: user.email,
      // Every value starting with + gets the formula guard's apostrophe, E.164 phones included.
      phone_number: "'+14155552671",
      account_type: user.type,
      account_role: user.role,
      status: user.status,
      // What sFOX still asks for: nobody here confirmed anything; a corporation is never asked for SMS.
      email_to_confirm: "true",
      sms_to_confirm: String(user.type !== "corporation"),
      deactivated_at: "",
    });
  }
  // A name a spreadsheet would run as a formula is defused; commas and quotes survive the round trip.
  expect(rows.find((row) => row.user_id === known[2]!.userId)?.first_name).toBe("'=2+3");
  expect(rows.find((row) => row.user_id === known[4]!.userId)?.first_name).toBe('Barbara, "Babs"');

  // The export follows the view's filters too, whatever page the list is on.
  await page.goto(`/admin?tab=pending&q=${marker}&type=individual&page=2&size=25`);
  const filtered = page.getByRole("link", { name: /^Export \d+ as CSV$/ });
  const href = await filtered.getAttribute("href");
  expect(href).not.toContain("page=");
  const [second] = await Promise.all([page.waitForEvent("download"), filtered.click()]);
  const pendingIndividuals = csvRecords(fs.readFileSync(await second.path(), "utf8").slice(1));
  expect(pendingIndividuals.map((row) => row.user_id)).toEqual(expected((user) => user.type === "individual" && user.status === "pending"));
  await expect(filtered).toHaveText(`Export ${pendingIndividuals.length} as CSV`);
});
