import { expect, test } from "@playwright/test";
import { sandboxUsersWithEmail } from "./support/sandbox";
import {
  chooseCountry,
  continueTo,
  errorSummary,
  expectFieldError,
  fillAccount,
  fillContact,
  submitApplication,
  uniqueEmail,
} from "./support/wizard";
import { TEST_GOVERNMENT_IDS } from "./support/government-ids";

// A browser set to British English: the phone number defaults to the United Kingdom.
test.use({ locale: "en-GB" });

test("a UK resident verifies with a passport, names its issuing country, and gets to review", async ({ page, request }) => {
  const email = uniqueEmail("emmeline");
  await page.goto("/onboarding");
  await fillAccount(page, { type: "individual", purpose: "Trading" });
  await continueTo(page, "contact");

  await expect(page.getByRole("combobox", { name: "Country code" })).toHaveValue("United Kingdom (+44)");
  await fillContact(page, { firstName: "Emmeline", lastName: "Pankhurst", email, phone: "07400 123456" });
  await continueTo(page, "identity");

  await page.getByLabel("Date of birth").fill("1985-07-14");
  await chooseCountry(page, "Country of residence", "United Kingdom", "United Kingdom");

  // Outside the US: a free-text region, a postal code, and a passport as the only id.
  const region = page.getByRole("textbox", { name: "State, province or region" });
  await expect(region).toBeVisible();
  await expect(page.getByRole("combobox", { name: "State" })).toHaveCount(0);
  await expect(page.getByLabel("Postal code")).toBeVisible();
  await expect(page.getByLabel("ZIP code")).toHaveCount(0);

  const idTypes = page.getByRole("group", { name: "Type of id" });
  await expect(idTypes.getByRole("radio")).toHaveCount(1);
  await expect(idTypes.getByRole("radio", { name: "Passport" })).toBeChecked();
  await expect(page.getByText(/Social Security/)).toHaveCount(0);
  await expect(page.getByText("People living outside the US verify with a passport.")).toBeVisible();

  await page.getByLabel("Street address").fill("10 Downing Street");
  await page.getByLabel("Town or city").fill("London");
  await region.fill("Greater London");
  await page.getByLabel("Postal code").fill("SW1A 1AA");
  await page.getByRole("textbox", { name: "Passport number" }).fill(TEST_GOVERNMENT_IDS.passport);

  // The passport's issuing country is a question of its own: leaving it empty is refused.
  const issuer = page.getByRole("combobox", { name: "Country that issued your passport" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page).getByRole("link")).toHaveCount(1);
  await expect(page).toHaveURL(/\/onboarding\/identity$/);
  await expectFieldError(issuer, "This field is required");

  await chooseCountry(page, "Country that issued your passport", "United Kingdom", "United Kingdom");
  await continueTo(page, "review");

  const identity = page.getByRole("region", { name: "Identity and residence" });
  await expect(identity.getByText("Passport issued by United Kingdom")).toBeVisible();
  // sFOX takes postal codes without spaces: "SW1A 1AA" as typed is sent (and shown) as SW1A1AA.
  await expect(identity.getByText(/10 Downing Street\s+London\s+Greater London SW1A1AA\s+United Kingdom/)).toBeVisible();
  await expect(page.getByText("+44 7400 123456")).toBeVisible();
  await expect(page.getByText(TEST_GOVERNMENT_IDS.passport)).toHaveCount(0);

  // sFOX accepts the non-US application as the wizard built it.
  await submitApplication(page);
  await expect(page).toHaveURL(/\/onboarding\/verify$/);
  expect(await sandboxUsersWithEmail(request, email)).toHaveLength(1);
});

test("moving from the US to the UK starts the state and the id over: no US state, and no SSN sent as a passport", async ({ page }) => {
  await page.goto("/onboarding");
  await fillAccount(page, { type: "individual", purpose: "Trading" });
  await continueTo(page, "contact");
  await fillContact(page, { firstName: "Emmeline", lastName: "Pankhurst", email: uniqueEmail("emmeline"), phone: "07400 123456" });
  await continueTo(page, "identity");

  await chooseCountry(page, "Country of residence", "United States", "United States");
  await page.getByRole("combobox", { name: "State" }).selectOption({ label: "California" });
  await page.getByLabel("Social Security number (SSN)").check();
  await page.getByRole("textbox", { name: "Social Security number" }).fill(TEST_GOVERNMENT_IDS.ssn);

  await chooseCountry(page, "Country of residence", "United Kingdom", "United Kingdom");
  await expect(page.getByRole("textbox", { name: "State, province or region" })).toHaveValue("");
  await expect(page.getByRole("radio", { name: "Passport" })).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Passport number" })).toHaveValue("");
  await expect(page.getByRole("combobox", { name: "Country that issued your passport" })).toHaveValue("");
});
