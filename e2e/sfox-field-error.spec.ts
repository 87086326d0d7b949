import { expect, test } from "@playwright/test";
import { sandboxUsersWithEmail } from "./support/sandbox";
import {
  continueTo,
  errorSummary,
  expectFieldError,
  expectSummaryLinksTo,
  fillAccount,
  fillContact,
  fillIdentity,
  submitApplication,
  usIndividual,
} from "./support/wizard";

test("sFOX refuses an unknown advisor: the wizard shows it on the advisor field, and the corrected application goes through once", async ({ page, request }) => {
  const person = usIndividual();
  await page.goto("/onboarding");
  await fillAccount(page, { type: "individual", purpose: "Investing", advisorId: "no_such_advisor_42" });
  await continueTo(page, "contact");
  await fillContact(page, person.contact);
  await continueTo(page, "identity");
  await fillIdentity(page, person.identity);
  await continueTo(page, "review");
  await expect(page.getByText("no_such_advisor_42")).toBeVisible();

  // Only sFOX knows which advisors exist: the refusal comes back from the submission...
  await submitApplication(page);

  // ...and lands on the step and the field it is about, announced like a failed Continue.
  await expect(page).toHaveURL(/\/onboarding\/account\?return=review$/);
  await expect(errorSummary(page)).toBeFocused();
  const message = "sFOX: No account with this user_id";
  const advisor = page.getByLabel(/Advisor's account ID/);
  await expectFieldError(advisor, message);
  await expect(errorSummary(page).getByRole("link")).toHaveText([`Advisor's account ID: ${message}`]);
  await expectSummaryLinksTo(page, message, advisor);
  await expect(advisor).toHaveValue("no_such_advisor_42");
  expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(0);

  // Without an advisor, Continue goes straight back to review, and the answers are all still there.
  await advisor.clear();
  await continueTo(page, "review");
  await expect(page.getByText("no_such_advisor_42")).toHaveCount(0);
  await expect(page.getByText(person.contact.email)).toBeVisible();
  // The SSN stayed in this tab's memory through the round trip: nothing to re-enter.
  await expect(page.getByText("Entered, hidden for your security")).toBeVisible();

  await submitApplication(page);
  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeFocused();
  const accounts = await sandboxUsersWithEmail(request, person.contact.email);
  expect(accounts).toHaveLength(1);
  expect(accounts[0]?.advisor_user_id).toBeNull();
});
