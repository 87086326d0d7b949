import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { latestCodeForAccount, sandboxUsersWithEmail } from "./sandbox";
import { reachIndividualReview, submitApplication } from "./wizard";

/** A US individual from the first step to the status screen; returns who they are at sFOX. */
export async function openIndividualAccount(page: Page, request: APIRequestContext) {
  const person = await reachIndividualReview(page);
  await submitApplication(page);
  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  for (const type of ["email", "sms"] as const) {
    await page.getByRole("button", { name: "Send code" }).click();
    await page.getByLabel("6-digit code").fill(await latestCodeForAccount(request, person.contact.email, type));
    await page.getByRole("button", { name: "Confirm" }).click();
  }
  await expect(page).toHaveURL(/\/onboarding\/done$/);
  const [account] = await sandboxUsersWithEmail(request, person.contact.email);
  if (!account) throw new Error("the sandbox has no account for this applicant");
  return { email: person.contact.email, userId: account.user_id };
}

/** Marks the page so a test can prove a change arrived without a reload. */
export async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}
