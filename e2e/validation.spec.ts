import { expect, type Page, test } from "@playwright/test";
import {
  continueTo,
  errorSummary,
  expectFieldError,
  expectNoFieldError,
  expectSummaryLinksTo,
  fillAccount,
  fillBusiness,
  fillContact,
  fillIdentity,
  fillOwner,
  isoDateFromToday,
  owner,
  uniqueEmail,
  usIndividual,
} from "./support/wizard";
import { TEST_GOVERNMENT_IDS } from "./support/government-ids";

/** Continue is refused: the page stays, and the summary of problems takes focus. */
async function continueRefused(page: Page, step: string) {
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/onboarding/${step}$`));
}

test.describe("the wizard explains what is wrong, on the field and in a summary", () => {
  test("account: every question is required, and the purposes follow the account type", async ({ page }) => {
    await page.goto("/onboarding/account");
    const type = page.getByRole("group", { name: "Who is this account for?" });
    const role = page.getByRole("group", { name: "How will you use it?" });
    const purpose = page.getByRole("combobox", { name: "Main purpose of the account" });

    // No purpose can be chosen before the account type: the list would be the wrong one.
    await expect(purpose).toBeDisabled();
    await expect(purpose).toHaveAccessibleDescription("Choose who the account is for first.");

    await continueRefused(page, "account");
    await expectFieldError(type, "Choose individual or corporation");
    await expectFieldError(role, "Choose client or advisor");
    await expectFieldError(purpose, "Choose a purpose");
    await expect(errorSummary(page).getByRole("link")).toHaveCount(3);
    await expectSummaryLinksTo(page, "Choose individual or corporation", page.getByRole("radio", { name: "An individual" }));
    await expectSummaryLinksTo(page, "Choose client or advisor", page.getByRole("radio", { name: "Client" }));

    // An individual's purposes...
    await page.getByLabel("An individual").check();
    await expectNoFieldError(type);
    await expect(purpose).toBeEnabled();
    await expect(purpose.getByRole("option", { name: "Investing" })).toHaveCount(1);
    await expect(purpose.getByRole("option", { name: "Treasury Management" })).toHaveCount(0);
    await purpose.selectOption("Investing");

    // ...are not a company's: switching type empties the choice and offers the company's list.
    await page.getByLabel("A company or organisation").check();
    await expect(purpose).toHaveValue("");
    await expect(purpose.getByRole("option", { name: "Treasury Management" })).toHaveCount(1);
    await expect(purpose.getByRole("option", { name: "Investing" })).toHaveCount(0);

    await page.getByLabel("Client", { exact: true }).check();
    await purpose.selectOption("Treasury Management");
    await continueTo(page, "contact");
  });

  test("contact: a bad email or a short phone number is flagged on leaving the field, and Continue lists empty names", async ({ page }) => {
    await page.goto("/onboarding/account");
    await fillAccount(page, { type: "individual", purpose: "Investing" });
    await continueTo(page, "contact");

    const email = page.getByLabel("Email address");
    const phone = page.getByLabel("Phone number");

    // On blur, before any Continue: the message appears under the field, and no summary yet.
    await email.fill("ada@example");
    await email.press("Tab");
    await expectFieldError(email, "Enter a valid email address");
    await phone.fill("415 555");
    await phone.press("Tab");
    await expectFieldError(phone, "This phone number has the wrong number of digits for its country");
    await expect(errorSummary(page)).toHaveCount(0);

    // Correcting a flagged field clears its message as the user types.
    await email.fill("ada@example.com");
    await expectNoFieldError(email);
    await email.fill("ada@@example.com");

    await continueRefused(page, "contact");
    await expectFieldError(page.getByLabel("First name"), "Enter a name");
    await expectFieldError(page.getByLabel("Last name"), "Enter a name");
    await expectFieldError(email, "Enter a valid email address");
    const links = errorSummary(page).getByRole("link");
    // Each problem names its field, in the order of the page.
    await expect(links).toHaveText([
      "First name: Enter a name",
      "Last name: Enter a name",
      "Email address: Enter a valid email address",
      "Phone number: This phone number has the wrong number of digits for its country",
    ]);
    await links.nth(1).click();
    await expect(page.getByLabel("Last name")).toBeFocused();
    await expectSummaryLinksTo(page, "Enter a valid email address", email);
    await expectSummaryLinksTo(page, "This phone number has the wrong number of digits for its country", phone);

    await fillContact(page, { firstName: "Ada", lastName: "Lovelace", email: uniqueEmail("ada"), phone: "415 555 2671" });
    await continueTo(page, "identity");
  });

  test("identity: under 18, a 4-digit ZIP code and an 8-digit SSN are refused", async ({ page }) => {
    const person = usIndividual();
    await page.goto("/onboarding/account");
    await fillAccount(page, { type: "individual", purpose: "Investing" });
    await continueTo(page, "contact");
    await fillContact(page, person.contact);
    await continueTo(page, "identity");

    const dob = page.getByLabel("Date of birth");
    const zip = page.getByLabel("ZIP code");
    const ssn = page.getByRole("textbox", { name: "Social Security number" });

    // Seventeen years old today.
    await fillIdentity(page, { ...person.identity, dob: isoDateFromToday(-17), postalCode: "9410", idNumber: TEST_GOVERNMENT_IDS.shortSsn });
    await continueRefused(page, "identity");
    await expectFieldError(dob, "Must be 18 or older");
    await expectSummaryLinksTo(page, "Must be 18 or older", dob);

    // Eighteen today is old enough; the address and id rules then speak.
    await dob.fill(isoDateFromToday(-18));
    await continueRefused(page, "identity");
    await expectNoFieldError(dob);
    await expectFieldError(zip, "Enter a 5-digit ZIP code");
    await expectFieldError(ssn, "Enter the 9 digits of the SSN, without dashes");
    await expect(errorSummary(page).getByRole("link")).toHaveText([
      "ZIP code: Enter a 5-digit ZIP code",
      "Social Security number: Enter the 9 digits of the SSN, without dashes",
    ]);
    await expectSummaryLinksTo(page, "Enter the 9 digits of the SSN, without dashes", ssn);

    await zip.fill("94105");
    await ssn.fill(TEST_GOVERNMENT_IDS.ssnWithDashes);
    await continueTo(page, "review");
  });

  test("business and owners: no future incorporation, web addresses only, at least 25% each and at most 100% together", async ({ page }) => {
    const contact = { firstName: "Grace", lastName: "Hopper", email: uniqueEmail("grace"), phone: "415 555 0134" };
    await page.goto("/onboarding/account");
    await fillAccount(page, { type: "corporation", purpose: "Operating" });
    await continueTo(page, "contact");
    await fillContact(page, contact);
    await continueTo(page, "business");

    await fillBusiness(page, { name: "Hopper Digital Assets LLC", registrationNumber: "12-3456789" });
    const website = page.getByLabel("Website");
    const incorporated = page.getByRole("group", { name: "Incorporation" }).getByLabel("Date of incorporation");
    await website.fill("ftp://x.com");
    await incorporated.fill(isoDateFromToday(0, 1));
    await continueRefused(page, "business");
    await expectFieldError(website, "Enter a web address starting with http:// or https://");
    await expectFieldError(incorporated, "Enter a date that is not in the future");
    await expectSummaryLinksTo(page, "Enter a date that is not in the future", incorporated);
    await expectSummaryLinksTo(page, "Enter a web address starting with http:// or https://", website);

    await website.fill("https://hopper.example");
    await incorporated.fill("2020-10-15");
    await continueTo(page, "owners");

    const share = (index: number) => owner(index, page).getByLabel("Ownership percentage");
    await fillOwner(page, 0, { ...contact, dob: "1980-12-09", ssn: TEST_GOVERNMENT_IDS.ssn, percentage: "20" });
    await continueRefused(page, "owners");
    await expectFieldError(share(0), "Enter a percentage between 25 and 100");
    await expectSummaryLinksTo(page, "Enter a percentage between 25 and 100", share(0));

    // Each share is fine on its own; together they are too much, and the last one says so.
    await share(0).fill("60");
    await page.getByRole("button", { name: "Add another owner" }).click();
    await fillOwner(page, 1, {
      firstName: "Alan",
      lastName: "Kay",
      email: uniqueEmail("alan"),
      phone: "415 555 0199",
      dob: "1975-05-17",
      ssn: TEST_GOVERNMENT_IDS.secondSsn,
      percentage: "50",
    });
    await expect(page.getByText("Total listed: 110%")).toBeVisible();
    await continueRefused(page, "owners");
    const tooMuch = "Ownership adds up to 110%; the total can be at most 100%";
    await expectFieldError(share(1), tooMuch);
    await expectNoFieldError(share(0));
    await expect(errorSummary(page).getByRole("link")).toHaveText([`Owner 2 · Ownership percentage: ${tooMuch}`]);
    await expectSummaryLinksTo(page, tooMuch, share(1));

    await share(1).fill("40");
    await continueTo(page, "review");
  });
});
