// The phone number library is fetched only when a phone field is used (issue 8, page weight). On a
// slow network a person can type the number and press Continue before it arrives: the number must
// still be taken, converted to E.164, not refused.
import { expect, test } from "@playwright/test";
import { continueTo, fillAccount, fillContact, usIndividual } from "./support/wizard";

test("a phone number typed before the phone library arrives is accepted on Continue", async ({ page }) => {
  let delayed = 0;
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    // libphonenumber-js's chunk, held back as a slow network would.
    if (body.includes("countryCallingCode")) {
      delayed++;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await route.fulfill({ response, body });
  });

  await page.goto("/onboarding");
  await fillAccount(page, { type: "individual", purpose: "Investing" });
  await continueTo(page, "contact");
  const person = usIndividual();
  await fillContact(page, person.contact);
  await continueTo(page, "identity");
  expect(delayed).toBeGreaterThan(0);

  // What was saved is the E.164 number: back on the step, it shows in the national format.
  await page.goto("/onboarding/contact");
  await expect(page.getByLabel("Phone number")).toHaveValue("(415) 555-2671");
});
