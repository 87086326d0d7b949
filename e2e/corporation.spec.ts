import { expect, test } from "@playwright/test";
import { latestCode, sandboxUsersWithEmail } from "./support/sandbox";
import { continueTo, fillAccount, fillBusiness, fillContact, fillOwner, owner, submitApplication, uniqueEmail } from "./support/wizard";
import { TEST_GOVERNMENT_IDS } from "./support/government-ids";

test("a corporation with two beneficial owners, one of them the applicant, verifies its email only", async ({ page, request }) => {
  const contact = { firstName: "Grace", lastName: "Hopper", email: uniqueEmail("grace"), phone: "415 555 0134" };
  await page.goto("/onboarding");
  await fillAccount(page, { type: "corporation", purpose: "Treasury Management" });
  await continueTo(page, "contact");
  await fillContact(page, contact);
  await continueTo(page, "business");
  await fillBusiness(page, { name: "Hopper Digital Assets LLC", registrationNumber: "12-3456789" });
  await continueTo(page, "owners");

  // "I am a beneficial owner" fills the first owner from the contact step.
  await page.getByLabel("I am a beneficial owner").check();
  await expect(owner(0, page).getByLabel("First name", { exact: true })).toHaveValue("Grace");
  await expect(owner(0, page).getByLabel("Email address")).toHaveValue(contact.email);
  await fillOwner(page, 0, { ...contact, dob: "1980-12-09", ssn: TEST_GOVERNMENT_IDS.ssn, percentage: "60" });

  await page.getByRole("button", { name: "Add another owner" }).click();
  await expect(owner(1, page).getByLabel("First name", { exact: true })).toBeFocused();
  await fillOwner(page, 1, {
    firstName: "Alan",
    lastName: "Kay",
    email: uniqueEmail("alan"),
    phone: "415 555 0199",
    dob: "1975-05-17",
    ssn: TEST_GOVERNMENT_IDS.secondSsn,
    percentage: "40",
  });
  await expect(page.getByText("Total listed: 100%")).toBeVisible();
  await continueTo(page, "review");

  await expect(page.getByRole("heading", { name: /Grace Hopper/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Alan Kay/ })).toBeVisible();
  await submitApplication(page);

  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  await expect(page.getByText("Mobile phone confirmed")).toHaveCount(0);
  await page.getByRole("button", { name: "Send code" }).click();
  await page.getByLabel("6-digit code").fill(await latestCode(request, contact.email, "email"));
  await page.getByRole("button", { name: "Confirm" }).click();

  // Corporations confirm their email only: no SMS step.
  await expect(page).toHaveURL(/\/onboarding\/done$/);
  await expect(page.getByText("Email address confirmed: done")).toBeAttached();
  expect(await sandboxUsersWithEmail(request, contact.email)).toHaveLength(1);
});
