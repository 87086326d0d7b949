import { expect, type Page, test } from "@playwright/test";
import { clearFaults, injectRestFault, pendingFaultCount, sandboxUsersWithEmail } from "./support/sandbox";
import { continueTo, reachIndividualReview } from "./support/wizard";

function submissionError(page: Page) {
  return page.getByRole("alert").filter({ hasText: /not sent|could not|sFOX/ });
}

async function consent(page: Page) {
  await page.getByLabel(/I confirm that the information I have given is accurate/).check();
}

// A test that stops half way must not leave its fault to the next spec's registration.
test.afterEach(async ({ request }) => clearFaults(request));

test.describe("submitting twice opens one account", () => {
  test("a double click on Submit application", async ({ page, request }) => {
    const person = await reachIndividualReview(page);
    await consent(page);
    await page.getByRole("button", { name: "Submit application" }).dblclick();

    await expect(page).toHaveURL(/\/onboarding\/verify$/);
    await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeFocused();
    await expect(submissionError(page)).toHaveCount(0);
    expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(1);
  });

  test("two tabs submitting at the same moment", async ({ page, context, request }) => {
    const person = await reachIndividualReview(page);

    // The second tab shows the same application; the id number lives in each tab's memory only,
    // so it asks for it again before it can submit.
    const second = await context.newPage();
    await second.goto("/onboarding/review");
    await expect(second.getByText("Not kept: you will be asked to enter it again when you submit")).toBeVisible();
    await second.getByRole("link", { name: "Edit identity and residence" }).click();
    await expect(second).toHaveURL(/\/onboarding\/identity\?return=review$/);
    await expect(second.getByLabel("Town or city")).toHaveValue(person.identity.city);
    await second.getByRole("textbox", { name: "Social Security number" }).fill(person.identity.idNumber);
    await continueTo(second, "review");
    await expect(second.getByText("Entered, hidden for your security")).toBeVisible();

    await consent(page);
    await consent(second);

    // sFOX holds the first tab's registration for a moment, so the second tab's overtakes it.
    await injectRestFault(request, { delay_ms: 1_500, count: 1, path_prefix: "/v1/enterprise/register-account" });
    await page.getByRole("button", { name: "Submit application" }).click();
    await expect.poll(() => pendingFaultCount(request)).toBe(0);
    await second.bringToFront();
    await second.getByRole("button", { name: "Submit application" }).click();

    for (const tab of [second, page]) {
      await expect(tab).toHaveURL(/\/onboarding\/verify$/);
      await expect(tab.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
      await expect(submissionError(tab)).toHaveCount(0);
    }
    expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(1);
  });
});
