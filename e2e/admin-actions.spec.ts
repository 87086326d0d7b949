import { expect, type Page, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, confirmCodeAtSandbox, openNewUser, setBalances, uniqueMarker, userRow } from "./support/admin";
import { outbox, sandboxUsersWithEmail } from "./support/sandbox";

// Each support action on a user's page, run for real against the sandbox, and its trace in the
// user's "Admin activity". Users are opened straight at the sandbox (see openNewUser).
test.use({ storageState: ADMIN_STATE });

const SFOX_BALANCES_REFUSAL = "Can not disable account with non-zero balances. Please remove all balances and try again.";
const MASKED_EMAIL = /^[a-z]•{3,8}@example\.com$/;
const MASKED_PHONE = "+1 ••••••2671";

const result = (page: Page) => page.getByTestId("action-result");
const activity = (page: Page) => page.getByTestId("audit-log").getByRole("listitem");

test("Reveal shows the full email and phone once, and the look is recorded with who and when", async ({ page }) => {
  const user = await openNewUser(page, "reveal");
  const email = page.getByTestId("contact-email");
  const phone = page.getByTestId("contact-phone");
  await expect(email).toHaveText(MASKED_EMAIL);
  await expect(phone).toHaveText(MASKED_PHONE);
  await expect(page.getByText("No admin has acted on this user yet.")).toBeVisible();

  await page.getByRole("button", { name: "Reveal email and phone" }).click();
  await expect(email).toHaveText(user.email);
  await expect(phone).toHaveText("+14155552671");
  await expect(page.getByText("Revealed: this was recorded in the admin activity.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reveal email and phone" })).toHaveCount(0);

  await expect(activity(page)).toHaveCount(1);
  await expect(activity(page).first()).toContainText("Revealed email and phone · done");
  await expect(activity(page).first()).toContainText("Contact details revealed. This was recorded.");
  await expect(activity(page).first()).toContainText(new RegExp(`${ADMIN.email}, \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} UTC`));

  // A reload masks it again: every look is a new, recorded reveal.
  await page.reload();
  await expect(email).toHaveText(MASKED_EMAIL);
  await expect(activity(page)).toHaveCount(1);
});

test("Resend code sends the code that is due (email, then SMS) and says where it went", async ({ page, request }) => {
  const user = await openNewUser(page, "resend");
  const sent = async (type: "email" | "sms") =>
    (await outbox(request)).filter((message) => message.user_id === user.userId && message.type === type);
  expect(await sent("email")).toHaveLength(0);

  await page.getByRole("button", { name: "Resend code" }).click();
  await expect(result(page)).toBeFocused();
  await expect(result(page)).toHaveText(/^Success: An email code was sent to [a-z]•{3,8}@example\.com\.$/);
  await expect(result(page).getByRole("status")).toBeVisible();
  const [emailCode] = await sent("email");
  expect(emailCode?.to).toBe(user.email);
  await expect(activity(page).first()).toContainText("Sent a verification code · done");
  await expect(activity(page).first()).toContainText(/An email code was sent to [a-z]•+@example\.com\./);

  // The user confirms their email with that code: the page follows live, and the SMS code is due.
  await confirmCodeAtSandbox(request, user.userId, "email", emailCode!.code);
  await expect(page.getByTestId("user-status")).toContainText("Email confirmed");
  await page.getByRole("button", { name: "Resend code" }).click();
  await expect(result(page)).toHaveText(`Success: An SMS code was sent to ${MASKED_PHONE}.`);
  await expect(result(page)).toBeFocused();
  const smsCodes = await sent("sms");
  expect(smsCodes.map((message) => message.to)).toEqual(["+14155552671"]);
  expect(await sent("email")).toHaveLength(1);
  await expect(activity(page)).toHaveCount(2);
  await expect(activity(page).first()).toContainText(`An SMS code was sent to ${MASKED_PHONE}.`);
});

test("Refresh from sFOX asks sFOX for the user's state and says what it found", async ({ page }) => {
  await openNewUser(page, "refresh");
  const timeline = page.getByTestId("timeline").getByRole("listitem");
  await expect(timeline).toHaveCount(1);

  await page.getByRole("button", { name: "Refresh from sFOX" }).click();
  await expect(result(page)).toHaveText("Success: Already up to date: sFOX has the same state.");
  await expect(result(page)).toBeFocused();
  await expect(activity(page).first()).toContainText("Refreshed from sFOX · done");
  await expect(activity(page).first()).toContainText("Already up to date: sFOX has the same state.");
  // Nothing changed, so nothing was added to the timeline.
  await expect(timeline).toHaveCount(1);
});

test("Deactivate is refused in sFOX's words while there are balances, then closes the account; every action is in the activity", async ({
  page,
  request,
}) => {
  const user = await openNewUser(page, "deact");
  await setBalances(request, user.userId, true);

  // The other actions first, so the activity has one of each.
  await page.getByRole("button", { name: "Reveal email and phone" }).click();
  await expect(page.getByTestId("contact-email")).toHaveText(user.email);
  await page.getByRole("button", { name: "Resend code" }).click();
  await expect(result(page)).toContainText("An email code was sent to");
  await page.getByRole("button", { name: "Refresh from sFOX" }).click();
  await expect(result(page)).toContainText("Already up to date");

  // Asked to confirm first; Cancel does nothing.
  const dialog = page.getByRole("dialog", { name: `Deactivate ${user.name}?` });
  await page.getByRole("button", { name: "Deactivate…" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription(/sFOX refuses while the account still holds a balance/);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(activity(page)).toHaveCount(3);

  // With a balance at sFOX: refused, and sFOX's message is shown as sFOX wrote it.
  await page.getByRole("button", { name: "Deactivate…" }).click();
  await dialog.getByRole("button", { name: "Deactivate account" }).click();
  // An error, announced at once (role="alert"), with sFOX's sentence unchanged.
  await expect(result(page)).toHaveText(`Error: sFOX refused to deactivate the account: ${SFOX_BALANCES_REFUSAL}`);
  await expect(result(page).getByRole("alert")).toBeVisible();
  await expect(result(page)).toBeFocused();
  await expect(page.getByTestId("user-status")).not.toContainText("Deactivated");
  expect(await sandboxUsersWithEmail(request, user.email)).toHaveLength(1);
  await expect(activity(page).first()).toContainText("Deactivated the account · failed");
  await expect(activity(page).first()).toContainText(SFOX_BALANCES_REFUSAL);

  // Balances gone: sFOX closes the account and the page says so.
  await setBalances(request, user.userId, false);
  await page.getByRole("button", { name: "Deactivate…" }).click();
  await dialog.getByRole("button", { name: "Deactivate account" }).click();
  await expect(result(page)).toHaveText("Success: The account was deactivated at sFOX.");
  await expect(page.getByTestId("user-status")).toContainText("Deactivated");
  await expect(page.getByTestId("timeline").getByRole("listitem").first()).toContainText("Account deactivated");
  await expect(page.getByText("This account is deactivated at sFOX; there is nothing left to do.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Resend code|Refresh from sFOX|Deactivate…)$/ })).toHaveCount(0);
  expect(await sandboxUsersWithEmail(request, user.email)).toHaveLength(0);

  // Every action, newest first, each by this admin.
  await expect(activity(page)).toHaveCount(5);
  await expect(activity(page)).toHaveText([
    /^Deactivated the account · done.*The account was deactivated at sFOX\./,
    /^Deactivated the account · failed.*non-zero balances/,
    /^Refreshed from sFOX · done/,
    /^Sent a verification code · done/,
    /^Revealed email and phone · done/,
  ]);
  for (const entry of await activity(page).all()) await expect(entry).toContainText(ADMIN.email);

  // A fresh load agrees, and the users list marks the account too.
  await page.reload();
  await expect(page.getByTestId("user-status")).toContainText("Deactivated");
  await expect(page.getByRole("term").filter({ hasText: /^Deactivated$/ })).toBeVisible();
  await page.goto(`/admin?tab=all&q=${user.userId}`);
  await expect(userRow(page, user.userId).getByTestId("status")).toHaveText(/Pending\s*Deactivated/);
});

test("an unknown user id is a real 404 page with the way back", async ({ page }) => {
  for (const id of [uniqueMarker("missing"), "not%20a%20valid%20id!"]) {
    const response = await page.goto(`/admin/users/${id}`);
    expect(response?.status(), `/admin/users/${id}`).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "No such user" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${ADMIN.email}`)).toBeVisible();
  }
  await page.getByRole("link", { name: "Back to the users list" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
});
