import { expect, test } from "@playwright/test";
import { ADMIN_STATE, audit, openNewUser, registerAtSandbox, uniqueMarker, userRow, waitForUserInApp } from "./support/admin";
import { decide } from "./support/sandbox";

// axe finds nothing on the console's pages, at a desktop and a phone width, in the states an admin
// meets them; each state's screenshots are kept with the test's results. (The sign-in page's own
// audit is in admin-sign-in.spec.ts.)
test.use({ storageState: ADMIN_STATE });

test("the users list: tabs, filters, rows of each kind, pages", async ({ page, request }, testInfo) => {
  const marker = uniqueMarker("axe");
  const users = [
    { userId: `${marker}-a`, type: "corporation", role: "advisor", firstName: "Grace", lastName: marker, email: `${marker}.a@example.com` },
    { userId: `${marker}-b`, type: "individual", role: "client", firstName: "Alan", lastName: marker, email: `${marker}.b@example.com` },
    { userId: `${marker}-c`, type: "individual", role: "advisor", firstName: "Ada", lastName: marker, email: `${marker}.c@example.com` },
  ] as const;
  for (const user of users) await registerAtSandbox(request, user);
  await waitForUserInApp(page.request, users[2].userId);
  await decide(request, users[0].userId, "VERIFIED");
  await decide(request, users[1].userId, "UNSUPPORTED");

  await page.goto(`/admin?tab=all&q=${marker}&sort=changed`);
  await expect(userRow(page, users[0].userId).getByTestId("status")).toHaveText("Verified");
  await expect(userRow(page, users[1].userId).getByTestId("status")).toHaveText("Unsupported");
  await expect(page.getByTestId("live-indicator")).toContainText("Updates: live");
  await audit(page, testInfo, "admin-list");

  // The default view, with whatever the other specs put there, and its pages.
  await page.goto("/admin?tab=all&size=25");
  await expect(page.getByRole("table")).toBeVisible();
  await audit(page, testInfo, "admin-list-all");

  // Nothing found.
  await page.goto(`/admin?q=${marker}-none`);
  await expect(page.getByText("No users here match these filters.")).toBeVisible();
  await audit(page, testInfo, "admin-list-empty");
});

test("a user's page: masked and revealed contact, an action's result, the confirm dialog, the activity", async ({ page }, testInfo) => {
  const user = await openNewUser(page, "axeuser");
  await expect(page.getByTestId("timeline")).toBeVisible();
  await audit(page, testInfo, "admin-user");

  await page.getByRole("button", { name: "Reveal email and phone" }).click();
  await expect(page.getByTestId("contact-email")).toHaveText(user.email);
  await page.getByRole("button", { name: "Resend code" }).click();
  await expect(page.getByTestId("action-result")).toContainText("An email code was sent to");
  await expect(page.getByTestId("audit-log").getByRole("listitem")).toHaveCount(2);
  await audit(page, testInfo, "admin-user-after-actions");

  await page.getByRole("button", { name: "Deactivate…" }).click();
  await expect(page.getByRole("dialog", { name: `Deactivate ${user.name}?` })).toBeVisible();
  await audit(page, testInfo, "admin-user-deactivate-dialog");
});

test("the 404 page of an unknown user", async ({ page }, testInfo) => {
  const response = await page.goto(`/admin/users/${uniqueMarker("nobody")}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "No such user" })).toBeVisible();
  await audit(page, testInfo, "admin-user-not-found");
});
