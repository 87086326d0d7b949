import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("landing page", () => {
  test("says what the product does and offers both ways in", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: /open a crypto trading account/i })).toBeVisible();
    await expect(page.getByText(/opens your account at sFOX/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Open an account" })).toHaveAttribute("href", "/onboarding");
    await expect(page.getByRole("link", { name: "Partner admin" })).toHaveAttribute("href", "/admin");
    await expect(page).toHaveTitle(/open your account/);
  });

  test("shows the Sandbox badge when no sFOX key is configured", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("banner").getByText("Sandbox", { exact: true })).toBeVisible();
  });

  test("has no accessibility violations, on desktop and on a phone", async ({ page }, testInfo) => {
    for (const viewport of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "mobile", width: 375, height: 740 },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto("/");
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`landing-${viewport.name}.png`), fullPage: true });
    }
  });

  test("can be used with the keyboard: the first Tab offers a skip link", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });

  test("answers an unknown address with a helpful 404", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the start" })).toHaveAttribute("href", "/");
  });
});
