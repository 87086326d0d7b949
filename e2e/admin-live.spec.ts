import { expect, test } from "@playwright/test";
import { ADMIN_STATE, uniqueMarker, userRow } from "./support/admin";
import { expectNotReloaded, markPage } from "./support/journeys";
import { latestCodeForAccount, sandboxUsersWithEmail } from "./support/sandbox";
import { reachIndividualReview, submitApplication, uniqueEmail, usIndividual } from "./support/wizard";

test.use({ storageState: ADMIN_STATE });

test("an applicant registering in another browser appears in Pending live, then turns Verified live with the counts", async ({
  page,
  browser,
  request,
}) => {
  // The admin watches the default view: Pending, newest first.
  await page.goto("/admin");
  await expect(page.getByTestId("live-indicator")).toHaveText("Updates: live · sFOX feed: connected");
  await markPage(page);

  // An applicant, in a browser of their own (no admin cookie), with a name only this test uses.
  const marker = uniqueMarker("Live");
  const person = usIndividual();
  person.contact.lastName = marker;
  person.contact.email = uniqueEmail(marker.toLowerCase());
  const applicantContext = await browser.newContext();
  const applicant = await applicantContext.newPage();
  await reachIndividualReview(applicant, person);
  await submitApplication(applicant);
  await expect(applicant).toHaveURL(/\/onboarding\/verify$/);
  const [account] = await sandboxUsersWithEmail(request, person.contact.email);
  if (!account) throw new Error("the sandbox has no account for the applicant");

  // The new user is on the admin's Pending tab without a reload, marked New, with nothing confirmed.
  const row = userRow(page, account.user_id);
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name: `Ada ${marker}` })).toBeVisible();
  await expect(row).toContainText("New");
  await expect(row.getByTestId("status")).toHaveText("Pending");
  await expect(row.getByRole("list", { name: "Verification" })).toHaveText(/Email to confirm.*SMS to confirm/);

  // A second tab searching for this applicant alone: counts that no other spec can move.
  const scoped = await page.context().newPage();
  await scoped.goto(`/admin?tab=all&q=${marker}`);
  const scopedRow = userRow(scoped, account.user_id);
  await expect(scopedRow.getByTestId("status")).toHaveText("Pending");
  await expect(scoped.getByTestId("count-pending")).toHaveText("1");
  await expect(scoped.getByTestId("count-verified")).toHaveText("0");
  await expect(scoped.getByTestId("count-all")).toHaveText("1");
  await markPage(scoped);

  // The applicant confirms their email: the chip turns on both admin tabs, the status stays.
  await applicant.getByRole("button", { name: "Send code" }).click();
  await applicant.getByLabel("6-digit code").fill(await latestCodeForAccount(request, person.contact.email, "email"));
  await applicant.getByRole("button", { name: "Confirm" }).click();
  for (const tab of [page, scoped]) {
    await expect(userRow(tab, account.user_id).getByRole("list", { name: "Verification" })).toHaveText(/Email confirmed.*SMS to confirm/);
    await expect(userRow(tab, account.user_id).getByTestId("status")).toHaveText("Pending");
  }

  // Then their phone; sFOX reviews the account a moment later and it turns Verified, live.
  await applicant.getByRole("button", { name: "Send code" }).click();
  await applicant.getByLabel("6-digit code").fill(await latestCodeForAccount(request, person.contact.email, "sms"));
  await applicant.getByRole("button", { name: "Confirm" }).click();
  await expect(applicant).toHaveURL(/\/onboarding\/done$/);

  for (const tab of [page, scoped]) {
    await expect(userRow(tab, account.user_id).getByTestId("status")).toHaveText("Verified");
    await expect(userRow(tab, account.user_id).getByRole("list", { name: "Verification" })).toHaveText(/Email confirmed.*SMS confirmed/);
  }
  await expect(scoped.getByTestId("count-pending")).toHaveText("0");
  await expect(scoped.getByTestId("count-verified")).toHaveText("1");
  await expect(scoped.getByTestId("count-all")).toHaveText("1");
  await expectNotReloaded(page);
  await expectNotReloaded(scoped);

  // What the live list showed is what the server renders afresh.
  await page.goto(`/admin?tab=verified&q=${marker}`);
  await expect(userRow(page, account.user_id).getByTestId("status")).toHaveText("Verified");
  await page.goto(`/admin?q=${marker}`);
  await expect(page.getByText("No users here match these filters.")).toBeVisible();
  await applicantContext.close();
});
