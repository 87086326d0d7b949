import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./support/admin";

// better-auth allows 5 sign-in attempts per client address per minute, and every spec comes from
// 127.0.0.1. So the admin specs never sign in themselves: this signs in once, before any spec starts
// (every spec's project depends on this one), and they reuse the saved session. The only other
// sign-ins are in admin-sign-in.spec.ts, whose last test exhausts the limit once nothing else needs it.
setup("sign in once as the partner admin and keep the session for the admin specs", async ({ page }) => {
  // A run started within a minute of a previous run's lockout (a reused local server) waits it out.
  setup.setTimeout(150_000);
  await page.goto("/admin/sign-in?next=/admin");
  for (let attempt = 1; ; attempt++) {
    await page.getByLabel("Email address").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    const [response] = await Promise.all([
      page.waitForResponse((answer) => new URL(answer.url()).pathname === "/api/auth/sign-in/email"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    if (response.status() !== 429 || attempt === 2) {
      expect(response.status(), "the admin's sign-in").toBe(200);
      break;
    }
    const seconds = Number((await response.headerValue("x-retry-after")) ?? 60);
    await page.waitForTimeout((seconds + 1) * 1_000);
  }
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByText(`Signed in as ${ADMIN.email}`)).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
