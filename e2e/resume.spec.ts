import { expect, test } from "@playwright/test";
import { sandboxUsersWithEmail } from "./support/sandbox";
import {
  continueTo,
  errorSummary,
  expectFieldError,
  fillAccount,
  reachIndividualReview,
  submitApplication,
  usIndividual,
} from "./support/wizard";

test.describe("coming back to the wizard", () => {
  test("a reload keeps every saved answer but never the id number, which is asked for again at submission", async ({ page, request }) => {
    const person = await reachIndividualReview(page);

    // Back on the identity step, a reload shows the saved answers again; the SSN field is empty.
    await page.getByRole("link", { name: "Edit identity and residence" }).click();
    await expect(page).toHaveURL(/\/onboarding\/identity\?return=review$/);
    const ssn = page.getByRole("textbox", { name: "Social Security number" });
    await expect(ssn).toHaveValue(person.identity.idNumber);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Identity and residence" })).toBeVisible();
    await expect(page.getByLabel("Date of birth")).toHaveValue(person.identity.dob);
    await expect(page.getByRole("combobox", { name: "Country of residence" })).toHaveValue("United States");
    await expect(page.getByLabel("Street address")).toHaveValue(person.identity.address);
    await expect(page.getByLabel("Town or city")).toHaveValue(person.identity.city);
    await expect(page.getByRole("combobox", { name: "State" })).toHaveValue("CA");
    await expect(page.getByLabel("ZIP code")).toHaveValue(person.identity.postalCode);
    await expect(page.getByRole("radio", { name: "Social Security number (SSN)" })).toBeChecked();
    await expect(ssn).toHaveValue("");

    await page.goto("/onboarding/contact");
    await expect(page.getByLabel("First name")).toHaveValue(person.contact.firstName);
    await expect(page.getByLabel("Email address")).toHaveValue(person.contact.email);
    await expect(page.getByLabel("Phone number")).toHaveValue("(415) 555-2671");

    // `/onboarding` resumes at the first step that still needs the user: review.
    await page.goto("/onboarding");
    await expect(page).toHaveURL(/\/onboarding\/review$/);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Review your application" })).toBeVisible();
    await expect(page.getByText(person.contact.email)).toBeVisible();
    await expect(page.getByText("Not kept: you will be asked to enter it again when you submit")).toBeVisible();

    // Submitting without it sends the user to the field, saying why.
    await submitApplication(page);
    await expect(page).toHaveURL(/\/onboarding\/identity\?return=review$/);
    await expect(errorSummary(page)).toBeFocused();
    await expectFieldError(ssn, "For your security we do not keep id numbers. Enter it again.");
    expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(0);

    await ssn.fill(person.identity.idNumber);
    await continueTo(page, "review");
    await submitApplication(page);
    await expect(page).toHaveURL(/\/onboarding\/verify$/);
    expect(await sandboxUsersWithEmail(request, person.contact.email)).toHaveLength(1);

    // Once registered, the forms are closed: every way back leads to verification.
    for (const path of ["/onboarding/account", "/onboarding/review", "/onboarding"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/onboarding\/verify$/);
    }
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
  });

  test("nobody skips ahead: a deep link past an unfinished step lands on the first unfinished one", async ({ page }) => {
    // A browser that never started: everything leads to the first step.
    await page.goto("/onboarding/review");
    await expect(page).toHaveURL(/\/onboarding\/account$/);

    await fillAccount(page, { type: "individual", purpose: "Investing" });
    await continueTo(page, "contact");
    for (const path of ["/onboarding/review", "/onboarding/identity", "/onboarding/verify", "/onboarding/done"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/onboarding\/contact$/);
      await expect(page.getByRole("heading", { level: 1, name: "Contact details" })).toBeVisible();
    }
    // The finished step stays open for changes.
    await page.goto("/onboarding/account");
    await expect(page).toHaveURL(/\/onboarding\/account$/);
    await expect(page.getByLabel("An individual")).toBeChecked();
    await expect(page.getByLabel("Main purpose of the account")).toHaveValue("Investing");
  });

  test("another browser has its own application: nothing of this one is shown there", async ({ page, browser }) => {
    const person = await reachIndividualReview(page, usIndividual());
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto("/onboarding/review");
    await expect(strangerPage).toHaveURL(/\/onboarding\/account$/);
    await expect(strangerPage.getByText(person.contact.email)).toHaveCount(0);
    await stranger.close();
  });
});
