import { expect, type Page, test } from "@playwright/test";
import { ADMIN, audit } from "./support/admin";

// better-auth allows 5 sign-in attempts per client address per minute, and every spec comes from
// 127.0.0.1. The other admin specs never sign in: they reuse the session e2e/admin.setup.ts saved
// before any spec started (every spec's project depends on it). The sign-ins of this file run in
// order in one worker, and the test that exhausts the limit runs last: nothing signs in after it.
test.describe.configure({ mode: "serial" });

/** Fills and sends the form; answers the status of better-auth's reply. */
async function signIn(page: Page, email: string, password: string): Promise<number> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((answer) => new URL(answer.url()).pathname === "/api/auth/sign-in/email"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  return response.status();
}

/** The status of the admin event stream for this page's cookies (read from the headers, then closed). */
function adminStreamStatus(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const controller = new AbortController();
    const response = await fetch("/api/admin/events", { signal: controller.signal });
    controller.abort();
    return response.status;
  });
}

const refusal = (page: Page) => page.getByRole("alert").filter({ hasText: "Could not sign you in" });
/** Focus moved to the refusal, so it is read out and the next Tab starts from it. */
const expectRefusalFocused = (page: Page) => expect(page.locator(":focus")).toContainText("Could not sign you in");

test("without a session the console sends you to sign in, and its stream answers 401", async ({ page, request }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to the back office" })).toBeVisible();
  // Sandbox mode, with the admin given by ADMIN_EMAIL / ADMIN_PASSWORD.
  await expect(page.getByText(/Sandbox: sign in as the admin set by ADMIN_EMAIL/)).toBeVisible();

  const stream = await request.get("/api/admin/events");
  expect(stream.status()).toBe(401);
  const session = await request.get("/api/auth/get-session");
  expect(await session.json()).toBeNull();
});

test("the sign-in page is accessible, and empty fields are named in a focused summary", async ({ page }, testInfo) => {
  await page.goto("/admin/sign-in");
  await audit(page, testInfo, "sign-in");

  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email address")).toHaveAccessibleDescription(/Enter your email address/);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Enter your password/);
  await audit(page, testInfo, "sign-in-errors");
});

test("a wrong password gets one clear answer that does not say which half was wrong", async ({ page }, testInfo) => {
  await page.goto("/admin/sign-in");
  expect(await signIn(page, ADMIN.email, "not-the-password-at-all")).toBe(401);
  await expectRefusalFocused(page);
  await expect(refusal(page)).toContainText("Email or password is not right.");
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Email address")).toHaveValue(ADMIN.email);
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await audit(page, testInfo, "sign-in-refused");
});

test("an admin signs in with the keyboard, sees the console, and signs out", async ({ page }, testInfo) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=/);
  await page.getByLabel("Email address").focus();
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${ADMIN.email}`)).toBeVisible();
  await expect(page.getByTestId("live-indicator")).toHaveText("Updates: live · sFOX feed: connected");
  await expect(page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: /^Pending/ })).toHaveAttribute("aria-current", "page");
  await audit(page, testInfo, "console");

  // Signed in, the sign-in page has nothing to offer; the stream lets the admin in.
  await page.goto("/admin/sign-in?next=/admin");
  await expect(page).toHaveURL(/\/admin$/);
  expect(await adminStreamStatus(page)).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
  expect(await adminStreamStatus(page)).toBe(401);
});

test("repeated wrong passwords are stopped with the time to wait (runs last: it locks this address out)", async ({ page }, testInfo) => {
  await page.goto("/admin/sign-in");
  const limited = /Too many attempts\. Try again in (\d+) seconds?\./;
  // The limit is 5 a minute; the earlier tests already used some of them.
  let status = 0;
  for (let attempt = 0; attempt < 6 && status !== 429; attempt++) {
    status = await signIn(page, "someone-else@e2e.test", `wrong-password-${attempt}`);
  }
  expect(status).toBe(429);
  await expect(refusal(page)).toContainText(limited);
  await expectRefusalFocused(page);
  const seconds = Number(limited.exec((await refusal(page).textContent()) ?? "")?.[1]);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(60);
  await audit(page, testInfo, "sign-in-rate-limited");
});
