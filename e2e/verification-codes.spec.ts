import { expect, test } from "@playwright/test";
import { latestCode } from "./support/sandbox";
import { expectFieldError, reachIndividualReview, submitApplication } from "./support/wizard";

/** A 6-digit code that is not `code`. */
const wrongCodeFor = (code: string) => code.replace(/^\d/, (digit) => String((Number(digit) + 1) % 10));

test("codes: a wrong one is refused on the field, Resend counts down, and a resent code replaces the old one", async ({ page, context, request }) => {
  // Resending waits 30 s; the browser's clock is ours to move, the server's is not.
  test.setTimeout(90_000);
  await page.clock.install();
  const person = await reachIndividualReview(page);
  const email = person.contact.email;
  await submitApplication(page);
  await expect(page).toHaveURL(/\/onboarding\/verify$/);

  // The developer inbox opens beside the wizard, empty until a code is sent.
  const inboxOpened = context.waitForEvent("page");
  await page.getByRole("link", { name: "developer inbox (opens in a new tab)" }).click();
  const inbox = await inboxOpened;
  await expect(inbox).toHaveURL(/\/onboarding\/inbox$/);
  await expect(inbox.getByText("No codes yet. Ask for a code on the verification page.")).toBeVisible();
  await page.bringToFront();

  await page.getByRole("button", { name: "Send code" }).click();
  const codeField = page.getByLabel("6-digit code");
  await expect(codeField).toBeFocused();
  const firstCode = await latestCode(request, email, "email");

  await inbox.reload();
  const messages = inbox.getByRole("list", { name: "Messages, newest first" }).getByRole("listitem");
  await expect(messages).toHaveCount(1);
  await expect(messages.first()).toContainText(`Email to ${email}`);
  await expect(messages.first()).toContainText(`Your verification code is ${firstCode}`);

  // A wrong code: said on the field, which takes focus for the next try.
  await codeField.fill(wrongCodeFor(firstCode));
  await page.getByRole("button", { name: "Confirm" }).click();
  const notRight = "That code is not right. Check the latest message and try again.";
  await expectFieldError(codeField, notRight);
  await expect(codeField).toBeFocused();

  // Resend counts down second by second, disabled until it reaches zero.
  const resend = page.getByRole("button", { name: /^Resend code/ });
  // Far enough ahead that a busy machine cannot make it the past before the call lands.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 2_000));
  await expect(resend).toBeDisabled();
  const start = Number((await resend.textContent())?.match(/Resend code in (\d+) s/)?.[1]);
  expect(start).toBeGreaterThan(20);
  expect(start).toBeLessThanOrEqual(30);
  for (let seconds = start - 1; seconds > 0; seconds -= 1) {
    await page.clock.runFor(1_000);
    await expect(resend).toHaveText(`Resend code in ${seconds} s`);
    await expect(resend).toBeDisabled();
  }
  await page.clock.runFor(1_000);
  await expect(resend).toHaveText("Resend code");
  await expect(resend).toBeEnabled();

  // The browser's clock ran ahead; the server still counts 30 real seconds and says so.
  await resend.click();
  await expect(page.getByRole("alert").filter({ hasText: /^Error: Please wait \d+ seconds? before asking for another code\.$/ })).toBeVisible();
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^Resend code in \d+ s$/);

  // In real time, the countdown runs out and Resend works.
  await page.clock.resume();
  await expect(resend).toBeEnabled({ timeout: 40_000 });
  await resend.click();
  await expect(page.getByRole("status").filter({ hasText: `We sent a new code to ${email}.` })).toBeAttached();
  await expect(resend).toBeDisabled();
  const secondCode = await latestCode(request, email, "email");
  expect(secondCode).not.toBe(firstCode);

  await inbox.reload();
  await expect(messages).toHaveCount(2);
  await expect(messages.first()).toContainText(`Your verification code is ${secondCode}`);

  // The new code replaced the old one.
  await codeField.fill(firstCode);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expectFieldError(codeField, notRight);
  await codeField.fill(secondCode);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your mobile phone" })).toBeVisible();
  await expect(page.getByText("Email address confirmed: done")).toBeAttached();
});
