import { expect, test } from "@playwright/test";
import { latestCode, latestCodeForAccount, sandboxUsersWithEmail } from "./support/sandbox";
import { reachIndividualReview, submitApplication } from "./support/wizard";

test("a US resident with an SSN opens an account and confirms email and phone", async ({ page, request }) => {
  const person = await reachIndividualReview(page);

  // Review shows every answer, grouped, and never the id number.
  await expect(page.getByRole("heading", { name: "Review your application" })).toBeVisible();
  await expect(page.getByText(person.contact.email)).toBeVisible();
  await expect(page.getByText("+1 415 555 2671")).toBeVisible();
  await expect(page.getByText("Entered, hidden for your security")).toBeVisible();
  await expect(page.getByText(person.identity.idNumber)).toHaveCount(0);

  await submitApplication(page);
  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeFocused();

  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByLabel("6-digit code")).toBeVisible();
  await page.getByLabel("6-digit code").fill(await latestCode(request, person.contact.email, "email"));
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page.getByRole("heading", { name: "Confirm your mobile phone" })).toBeVisible();
  await page.getByRole("button", { name: "Send code" }).click();
  await page.getByLabel("6-digit code").fill(await latestCodeForAccount(request, person.contact.email, "sms"));
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page).toHaveURL(/\/onboarding\/done$/);
  await expect(page.getByText("Email address confirmed: done")).toBeAttached();
  await expect(page.getByText("Mobile phone confirmed: done")).toBeAttached();

  const accounts = await sandboxUsersWithEmail(request, person.contact.email);
  expect(accounts).toHaveLength(1);
});
