import { expect, type Locator, type Page } from "@playwright/test";
import { TEST_GOVERNMENT_IDS } from "./government-ids";

/** Filling the wizard as a person would: by visible labels, one step at a time. */

let counter = 0;
export function uniqueEmail(prefix = "applicant"): string {
  return `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;
}

/** Picks from a searchable country list, inside `scope` (a page or a fieldset). */
export async function chooseCountry(scope: Page | Locator, label: string | RegExp, search: string, option: string | RegExp) {
  const box = scope.getByRole("combobox", { name: label, exact: typeof label === "string" });
  await box.click();
  await box.fill(search);
  await scope.getByRole("option", { name: option }).first().click();
}

async function chooseState(scope: Page | Locator, value: string) {
  const state = scope.getByLabel(/^(State|State, province or region)$/);
  if ((await state.evaluate((element) => element.tagName)) === "SELECT") await state.selectOption({ label: value });
  else await state.fill(value);
}

export async function continueTo(page: Page, step: string) {
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/onboarding/${step}(\\?|$)`));
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
}

export interface AccountAnswers {
  type: "individual" | "corporation";
  role?: "Client" | "Advisor";
  purpose: string;
  advisorId?: string;
}

export async function fillAccount(page: Page, answers: AccountAnswers) {
  await page.getByLabel(answers.type === "individual" ? "An individual" : "A company or organisation").check();
  await page.getByLabel(answers.role ?? "Client", { exact: true }).check();
  await page.getByLabel("Main purpose of the account").selectOption(answers.purpose);
  if (answers.advisorId !== undefined) await page.getByLabel(/Advisor's account ID/).fill(answers.advisorId);
}

export interface ContactAnswers {
  firstName: string;
  lastName: string;
  email: string;
  /** National number as a person types it, in the default country (US). */
  phone: string;
}

export async function fillContact(page: Page, answers: ContactAnswers) {
  await page.getByLabel("First name").fill(answers.firstName);
  await page.getByLabel("Last name").fill(answers.lastName);
  await page.getByLabel("Email address").fill(answers.email);
  await page.getByLabel("Phone number").fill(answers.phone);
}

export interface IdentityAnswers {
  dob: string;
  country: { search: string; option: string | RegExp };
  address: string;
  city: string;
  /** A US state's name (from the list) or free text elsewhere. */
  state: string;
  postalCode: string;
  idType?: "Social Security number (SSN)" | "Passport";
  idNumber: string;
  passportCountry?: { search: string; option: string | RegExp };
}

export async function fillIdentity(page: Page, answers: IdentityAnswers) {
  await page.getByLabel("Date of birth").fill(answers.dob);
  await chooseCountry(page, "Country of residence", answers.country.search, answers.country.option);
  await page.getByLabel("Street address").fill(answers.address);
  await page.getByLabel("Town or city").fill(answers.city);
  await chooseState(page, answers.state);
  await page.getByLabel(/ZIP code|Postal code/).fill(answers.postalCode);
  if (answers.idType) await page.getByLabel(answers.idType).check();
  await page.getByRole("textbox", { name: /^(Social Security number|Passport number)$/ }).fill(answers.idNumber);
  if (answers.passportCountry) {
    await chooseCountry(page, "Country that issued your passport", answers.passportCountry.search, answers.passportCountry.option);
  }
}

export const usIndividual = (): { contact: ContactAnswers; identity: IdentityAnswers } => ({
  contact: { firstName: "Ada", lastName: "Lovelace", email: uniqueEmail("ada"), phone: "415 555 2671" },
  identity: {
    dob: "1990-10-15",
    country: { search: "United States", option: "United States" },
    address: "123 Market Street",
    city: "San Francisco",
    state: "California",
    postalCode: "94105",
    idType: "Social Security number (SSN)",
    idNumber: TEST_GOVERNMENT_IDS.ssn,
  },
});

/** Account, contact and identity of a US individual, ending on the review step. */
export async function reachIndividualReview(page: Page, person = usIndividual()) {
  await page.goto("/onboarding");
  await expect(page).toHaveURL(/\/onboarding\/account$/);
  await fillAccount(page, { type: "individual", purpose: "Investing" });
  await continueTo(page, "contact");
  await fillContact(page, person.contact);
  await continueTo(page, "identity");
  await fillIdentity(page, person.identity);
  await continueTo(page, "review");
  return person;
}

export async function submitApplication(page: Page) {
  await page.getByLabel(/I confirm that the information I have given is accurate/).check();
  await page.getByRole("button", { name: "Submit application" }).click();
}

export interface BusinessAnswers {
  name: string;
  registrationNumber: string;
}

/** A US LLC incorporated in Wyoming and run from California. */
export async function fillBusiness(page: Page, answers: BusinessAnswers) {
  await page.getByLabel("Legal name").fill(answers.name);
  await page.getByLabel("Type of organisation").selectOption("LLC");
  await page.getByLabel("Type of business").selectOption("Hedge Fund");
  await page.getByLabel("Registration number or TIN").fill(answers.registrationNumber);
  await page.getByLabel("What the business does").fill("Invests in digital assets for its partners.");
  const incorporation = page.getByRole("group", { name: "Incorporation" });
  await chooseCountry(incorporation, "Country of incorporation", "United States", "United States");
  await chooseState(incorporation, "Wyoming");
  await incorporation.getByLabel("Date of incorporation").fill("2020-10-15");
  const place = page.getByRole("group", { name: "Principal place of business" });
  await chooseCountry(place, "Country", "United States", "United States");
  await chooseState(place, "California");
  await place.getByLabel("Street address").fill("1234 Flower Street");
  await place.getByLabel("Town or city").fill("Los Angeles");
  await place.getByLabel("ZIP code").fill("90017");
  await page.getByRole("group", { name: "Is the business an accredited investor?" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: "Is the business a non-agent intermediary?" }).getByLabel("No").check();
}

export interface OwnerAnswers {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dob: string;
  ssn: string;
  percentage: string;
}

export function owner(index: number, page: Page): Locator {
  return page.getByRole("group", { name: new RegExp(`^Owner ${index + 1}\\b`) });
}

/** A US owner with an SSN; name, email and phone are skipped when already filled (pre-filled owner 1). */
export async function fillOwner(page: Page, index: number, answers: OwnerAnswers) {
  const fieldset = owner(index, page);
  for (const [label, value] of [
    ["First name", answers.firstName],
    ["Last name", answers.lastName],
    ["Email address", answers.email],
    ["Phone number", answers.phone],
  ] as const) {
    const input = fieldset.getByLabel(label, { exact: true });
    if (!(await input.inputValue())) await input.fill(value);
  }
  await fieldset.getByLabel("Date of birth").fill(answers.dob);
  await chooseCountry(fieldset, "Country of residence", "United States", "United States");
  await chooseState(fieldset, "California");
  await fieldset.getByLabel("Street address").fill("500 Main Street");
  await fieldset.getByLabel("Town or city").fill("Los Angeles");
  await fieldset.getByLabel("ZIP code").fill("90012");
  await fieldset.getByLabel("Social Security number (SSN)").check();
  await fieldset.getByRole("textbox", { name: "Social Security number" }).fill(answers.ssn);
  await fieldset.getByLabel("Ownership percentage").fill(answers.percentage);
}

/** The box listing a failed Continue's problems (it takes focus, each message links to its field). */
export function errorSummary(page: Page): Locator {
  return page.getByRole("alert", { name: "There is a problem" });
}

/**
 * A field shown as wrong, as a screen reader meets it: `aria-invalid="true"` on the control and the
 * visible message in its accessible description (through `aria-describedby`). For a radio group,
 * pass the group: its radios carry `aria-invalid` and the fieldset the description.
 */
export async function expectFieldError(field: Locator, message: string) {
  const isGroup = (await field.evaluate((element) => element.tagName)) === "FIELDSET";
  const controls = isGroup ? field.getByRole("radio") : field;
  for (const control of await controls.all()) await expect(control).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(new RegExp(`Error: ${escapeRegExp(message)}`));
  const errorId = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, "aria-describedby names the error message").toBeTruthy();
  await expect(field.page().locator(`[id="${errorId}"]`)).toBeVisible();
  await expect(field.page().locator(`[id="${errorId}"]`)).toContainText(message);
}

export async function expectNoFieldError(field: Locator) {
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await expect(field).not.toHaveAccessibleDescription(/Error:/);
}

/**
 * The summary lists `message` as a link, named after the field it is about ("Email address: ..."),
 * and following the link puts focus on `field`.
 */
export async function expectSummaryLinksTo(page: Page, message: string, field: Locator) {
  const link = errorSummary(page).getByRole("link", { name: new RegExp(`^.+: ${escapeRegExp(message)}$`) });
  await expect(link).toBeVisible();
  await link.click();
  await expect(field).toBeFocused();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `YYYY-MM-DD`, `years` years (and `days` days) from today in UTC (negative = in the past). */
export function isoDateFromToday(years: number, days = 0): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
