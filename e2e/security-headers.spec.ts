// Security headers on every page, a nonce-based Content-Security-Policy that the app itself never
// violates, and cookies the page's scripts cannot read.
import { expect, type Page, test } from "@playwright/test";
import { ADMIN_STATE } from "./support/admin";
import { errorSummary, reachIndividualReview } from "./support/wizard";

const PAGES = ["/", "/onboarding/account", "/onboarding/inbox", "/admin/sign-in", "/no-such-page"];

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = "", ...values] = part.split(/\s+/);
        return [name, values.join(" ")];
      }),
  );
}

/** Every CSP violation the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const consoleViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  return async () => [
    ...consoleViolations,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

test.describe("security headers", () => {
  for (const path of PAGES) {
    test(`${path} has a nonce-based CSP without eval, no framing, and the other headers`, async ({ request }) => {
      const response = await request.get(path);
      const headers = response.headers();
      const policy = directives(headers["content-security-policy"] ?? "");
      const scripts = policy.get("script-src") ?? "";
      expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(scripts).not.toContain("unsafe-eval");
      expect(scripts).not.toContain("unsafe-inline");
      expect(policy.get("frame-ancestors")).toBe("'none'");
      expect(policy.get("object-src")).toBe("'none'");
      expect(policy.get("base-uri")).toBe("'self'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      expect(headers["x-frame-options"]).toBe("DENY");

      // Every script Next.js wrote into the page carries this response's nonce, and only it.
      const nonce = /'nonce-([^']+)'/.exec(scripts)![1]!;
      const html = await response.text();
      const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scriptTags.length).toBeGreaterThan(0);
      for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
    });
  }

  test("the nonce is new on every request", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const policy = (await request.get("/")).headers()["content-security-policy"] ?? "";
      nonces.add(/'nonce-([^']+)'/.exec(policy)?.[1] ?? "");
    }
    expect(nonces.size).toBe(3);
  });

  test("the JSON routes and the streams carry the common headers too", async ({ request }) => {
    for (const path of ["/api/health", "/api/onboarding/events"]) {
      const headers = (await request.get(path)).headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
  });
});

test.describe("the app under its own policy", () => {
  test("the wizard runs to its review step with no CSP violation, and its session cookie is out of scripts' reach", async ({
    page,
    context,
  }) => {
    const violations = await recordViolations(page);
    await page.goto("/");
    await page.getByRole("link", { name: "Open an account" }).click();
    await expect(page).toHaveURL(/\/onboarding\/account$/);
    // Client-side validation is script: it must run under the policy.
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(errorSummary(page)).toBeVisible();
    await reachIndividualReview(page);
    expect(await violations()).toEqual([]);

    const cookie = (await context.cookies()).find((candidate) => candidate.name === "onboarding_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("onboarding_session");
  });

  test.describe("signed in", () => {
    test.use({ storageState: ADMIN_STATE });
    test("the back office, live, with no CSP violation", async ({ page }) => {
      const violations = await recordViolations(page);
      await page.goto("/admin");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByText(/live/i).first()).toBeVisible();
      const headers = (await page.request.get("/admin")).headers();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(await violations()).toEqual([]);
    });
  });
});
