import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { clearFaults, injectRestFault, sandboxUsersWithEmail } from "./support/sandbox";
import { reachIndividualReview } from "./support/wizard";

// A test that stops half way must not leave its fault to the next spec's registration.
test.afterEach(async ({ request }) => clearFaults(request));

/** An applicant on the review step, consent given, sFOX about to misbehave once on registration. */
async function submitWhileSfoxFails(page: Page, request: APIRequestContext, fault: Parameters<typeof injectRestFault>[1]) {
  const person = await reachIndividualReview(page);
  await page.getByLabel(/I confirm that the information I have given is accurate/).check();
  await injectRestFault(request, fault);
  const submit = page.getByRole("button", { name: "Submit application" });
  await submit.click();
  return { person, submit, failure: page.getByRole("alert").filter({ hasText: "Your application was not sent" }) };
}

test("sFOX is briefly unavailable: the user is told calmly, keeps every answer, and the second Submit opens one account", async ({ page, request }) => {
  const { person, submit, failure } = await submitWhileSfoxFails(page, request, {
    status: 503,
    count: 1,
    path_prefix: "/v1/enterprise/register-account",
  });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText("We could not reach sFOX to open your account. Nothing you entered is lost: try again in a moment.");
  // No technical detail for the user: no status code, no sFOX error text.
  await expect(failure).not.toContainText(/503|injected|unavailable/i);

  // Still on review, answers and the id number (in this tab's memory) intact, consent still given.
  await expect(page).toHaveURL(/\/onboarding\/review$/);
  await expect(page.getByText(person.contact.email)).toBeVisible();
  await expect(page.getByText("+1 415 555 2671")).toBeVisible();
  await expect(page.getByText("Entered, hidden for your security")).toBeVisible();
  await expect(page.getByLabel(/I confirm that the information I have given is accurate/)).toBeChecked();
  await expect(submit).toBeEnabled();
  expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(0);

  await submit.click();
  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: "Your application was not sent" })).toHaveCount(0);
  expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(1);
});

test("sFOX slower than the app's timeout: the user is asked to try again, the retry opens the account, and only one exists", async ({ page, request }) => {
  test.setTimeout(90_000);
  // sFOX answers this registration only after 12 s; the app gives up after its 10 s timeout
  // (SFOX_TIMEOUT_MS), not knowing whether the account was opened.
  const { person, submit, failure } = await submitWhileSfoxFails(page, request, {
    delay_ms: 12_000,
    count: 1,
    path_prefix: "/v1/enterprise/register-account",
  });
  await expect(failure).toBeVisible({ timeout: 20_000 });
  await expect(failure).toContainText("try again in a moment");
  await expect(page).toHaveURL(/\/onboarding\/review$/);

  // Let the slow request finish at sFOX's end. Whether or not it opened the account, the retry
  // (the same user_id, chosen once) ends on one: created now, or found there (409 on our own id,
  // read back).
  await page.waitForTimeout(3_000);
  await submit.click();
  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeFocused();
  expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(1);
});
