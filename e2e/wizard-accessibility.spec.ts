import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, type TestInfo, test } from "@playwright/test";
import { latestCode, latestCodeForAccount } from "./support/sandbox";
import {
  continueTo,
  errorSummary,
  fillAccount,
  fillBusiness,
  fillContact,
  fillIdentity,
  fillOwner,
  submitApplication,
  uniqueEmail,
  usIndividual,
} from "./support/wizard";
import { TEST_GOVERNMENT_IDS } from "./support/government-ids";

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
] as const;

/** axe finds nothing, at desktop and at phone width; a full-page screenshot of each for a person to look at. */
async function audit(page: Page, testInfo: TestInfo, state: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).analyze();
    const found = results.violations.map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    );
    expect.soft(found, `axe on ${state} at ${viewport.width}px`).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${state}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

async function confirmCode(page: Page, code: string) {
  await page.getByLabel("6-digit code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
}

test.describe("the wizard is accessible", () => {
  test("an individual's steps, with errors shown, the verification and the developer inbox", async ({ page, context, request }, testInfo) => {
    const person = usIndividual();
    await page.goto("/onboarding");
    await expect(page.getByRole("heading", { level: 1, name: "Open an account" })).toBeFocused();
    await audit(page, testInfo, "account");

    await page.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(page)).toBeFocused();
    await audit(page, testInfo, "account-errors");

    await fillAccount(page, { type: "individual", purpose: "Investing" });
    await continueTo(page, "contact");
    await audit(page, testInfo, "contact");
    await fillContact(page, person.contact);
    await continueTo(page, "identity");

    // With errors on inputs, a select, a combobox and a radio group.
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(page)).toBeFocused();
    await audit(page, testInfo, "identity-errors");
    await fillIdentity(page, person.identity);
    await page.getByRole("combobox", { name: "Country of residence" }).click();
    await expect(page.getByRole("listbox")).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id), "axe with the country list open").toEqual([]);
    await page.keyboard.press("Escape");
    await audit(page, testInfo, "identity");
    await continueTo(page, "review");
    await audit(page, testInfo, "review");

    await submitApplication(page);
    await expect(page).toHaveURL(/\/onboarding\/verify$/);
    await audit(page, testInfo, "verify");
    await page.getByRole("button", { name: "Send code" }).click();
    const emailCode = await latestCode(request, person.contact.email, "email");
    await confirmCode(page, emailCode === "000000" ? "111111" : "000000");
    await expect(page.getByText("That code is not right. Check the latest message and try again.")).toBeVisible();
    await audit(page, testInfo, "verify-code-errors");

    const inbox = await context.newPage();
    await inbox.goto("/onboarding/inbox");
    await expect(inbox.getByRole("heading", { level: 1, name: "Developer inbox" })).toBeVisible();
    await audit(inbox, testInfo, "inbox");
    await inbox.close();

    await confirmCode(page, emailCode);
    await expect(page.getByRole("heading", { level: 1, name: "Confirm your mobile phone" })).toBeVisible();
    await page.getByRole("button", { name: "Send code" }).click();
    await confirmCode(page, await latestCodeForAccount(request, person.contact.email, "sms"));
    await expect(page).toHaveURL(/\/onboarding\/done$/);
    await audit(page, testInfo, "done");
  });

  test("a company's business and owners steps, with errors shown, and its review", async ({ page }, testInfo) => {
    const contact = { firstName: "Grace", lastName: "Hopper", email: uniqueEmail("grace"), phone: "415 555 0134" };
    await page.goto("/onboarding");
    await fillAccount(page, { type: "corporation", purpose: "Treasury Management" });
    await continueTo(page, "contact");
    await fillContact(page, contact);
    await continueTo(page, "business");
    await audit(page, testInfo, "business");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(page)).toBeFocused();
    await audit(page, testInfo, "business-errors");
    await fillBusiness(page, { name: "Hopper Digital Assets LLC", registrationNumber: "12-3456789" });
    await continueTo(page, "owners");
    await audit(page, testInfo, "owners");

    await page.getByLabel("I am a beneficial owner").check();
    await page.getByRole("button", { name: "Add another owner" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(page)).toBeFocused();
    await audit(page, testInfo, "owners-errors");

    await fillOwner(page, 0, { ...contact, dob: "1980-12-09", ssn: TEST_GOVERNMENT_IDS.ssn, percentage: "60" });
    await fillOwner(page, 1, { firstName: "Alan", lastName: "Kay", email: uniqueEmail("alan"), phone: "415 555 0199", dob: "1975-05-17", ssn: TEST_GOVERNMENT_IDS.secondSsn, percentage: "40" });
    await continueTo(page, "review");
    await audit(page, testInfo, "review-company");
    await submitApplication(page);
    await expect(page).toHaveURL(/\/onboarding\/verify$/);
    await audit(page, testInfo, "verify-company");
  });

  test("works with the keyboard alone: radios, the purpose list, the country box and Enter to continue", async ({ page }) => {
    const person = usIndividual();
    await page.goto("/onboarding/account");
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

    // Account: a radio group is one Tab stop; Space picks, arrow keys move the choice.
    await tabTo(page, page.getByRole("radio", { name: "An individual" }));
    await page.keyboard.press("Space");
    await expect(page.getByRole("radio", { name: "An individual" })).toBeChecked();
    await tabTo(page, page.getByRole("radio", { name: "Client" }));
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Advisor" })).toBeChecked();
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByRole("radio", { name: "Client" })).toBeChecked();
    const purpose = page.getByRole("combobox", { name: "Main purpose of the account" });
    await tabTo(page, purpose);
    await page.keyboard.type("Inv");
    await expect(purpose).toHaveValue("Investing");
    await tabTo(page, page.getByLabel(/Advisor's account ID/));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/onboarding\/contact$/);
    await expect(page.getByRole("heading", { level: 1, name: "Contact details" })).toBeFocused();

    // Contact: typing, and Enter from the last field.
    await typeInto(page, page.getByLabel("First name"), person.contact.firstName);
    await typeInto(page, page.getByLabel("Last name"), person.contact.lastName);
    await typeInto(page, page.getByLabel("Email address"), person.contact.email);
    await typeInto(page, page.getByLabel("Phone number"), person.contact.phone);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/onboarding\/identity$/);
    await expect(page.getByRole("heading", { level: 1, name: "Identity and residence" })).toBeFocused();

    // Identity: a date typed into the date field, the country picked from its list with arrows and Enter.
    await typeInto(page, page.getByLabel("Date of birth"), "10151990");
    await expect(page.getByLabel("Date of birth")).toHaveValue("1990-10-15");
    const country = page.getByRole("combobox", { name: "Country of residence" });
    await typeInto(page, country, "United St");
    await expect(country).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    const unitedStates = page.getByRole("option", { name: "United States", exact: true });
    await expect(country).toHaveAttribute("aria-activedescendant", (await unitedStates.getAttribute("id")) ?? "");
    await page.keyboard.press("Enter");
    await expect(country).toHaveValue("United States");
    await expect(country).toHaveAttribute("aria-expanded", "false");
    await typeInto(page, page.getByLabel("Street address"), person.identity.address);
    await typeInto(page, page.getByLabel("Town or city"), person.identity.city);
    const state = page.getByRole("combobox", { name: "State" });
    await tabTo(page, state);
    await page.keyboard.type("Cal");
    await expect(state).toHaveValue("CA");
    await typeInto(page, page.getByLabel("ZIP code"), person.identity.postalCode);
    await tabTo(page, page.getByRole("radio", { name: "Social Security number (SSN)" }));
    await page.keyboard.press("Space");
    await typeInto(page, page.getByRole("textbox", { name: "Social Security number" }), person.identity.idNumber);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/onboarding\/review$/);

    // Review: consent with Space, Submit with Enter.
    await tabTo(page, page.getByRole("checkbox", { name: /I confirm that the information I have given is accurate/ }), 20);
    await page.keyboard.press("Space");
    await tabTo(page, page.getByRole("button", { name: "Submit application" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/onboarding\/verify$/);
  });
});

/** Presses Tab until `target` has focus; fails if it takes more than `most` presses. */
async function tabTo(page: Page, target: Locator, most = 4) {
  for (let presses = 0; presses < most; presses += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  await expect(target, `reachable within ${most} Tab presses`).toBeFocused();
}

async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.type(text);
}
