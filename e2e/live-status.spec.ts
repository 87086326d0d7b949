import { expect, test } from "@playwright/test";
import { expectNotReloaded, markPage, openIndividualAccount } from "./support/journeys";
import { startCuttableProxy } from "./support/cuttable-proxy";
import { decide, dropUpstream } from "./support/sandbox";
import { appPort } from "./ports";

test.describe("live status", () => {
  test("flips from Pending to Verified without a reload after the last code, then follows sFOX's decisions", async ({ page, request }) => {
    const { userId } = await openIndividualAccount(page, request);
    await markPage(page);
    // The sandbox reviews an account a moment after its last requirement is met.
    await expect(page.getByRole("heading", { level: 1, name: "Your account is open" })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText("Status: Verified")).toBeVisible();
    await expect(page.getByText("Live: updates appear here as they happen")).toBeVisible();

    await decide(request, userId, "UNSUPPORTED");
    await expect(page.getByRole("heading", { level: 1, name: "We cannot open this account" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Status changed to Unsupported." })).toBeAttached();
    await expectNotReloaded(page);
  });

  test("still flips within 5 s when the upstream feed drops just before the decision", async ({ page, request }) => {
    const { userId } = await openIndividualAccount(page, request);
    await expect(page.getByText("Status: Verified")).toBeVisible({ timeout: 10_000 });
    await markPage(page);

    await dropUpstream(request);
    await decide(request, userId, "UNSUPPORTED");
    await expect(page.getByText("Status: Unsupported")).toBeVisible({ timeout: 5_000 });
    await expectNotReloaded(page);
  });

  test("a browser whose stream is cut resumes with Last-Event-ID and shows the change it missed", async ({ page, request }) => {
    const { userId } = await openIndividualAccount(page, request);
    await expect(page.getByText("Status: Verified")).toBeVisible({ timeout: 10_000 });

    // Watch the status page through a connection the test can cut.
    const proxy = await startCuttableProxy(appPort);
    await page.goto(`${proxy.origin}/onboarding/done`);
    await expect(page.getByText("Live: updates appear here as they happen")).toBeVisible();
    await markPage(page);
    // One event on this connection, so the browser knows where it is.
    await decide(request, userId, "PENDING");
    await expect(page.getByText("Status: Pending")).toBeVisible();

    proxy.cut();
    await expect(page.getByText("Reconnecting…")).toBeVisible();
    await decide(request, userId, "UNSUPPORTED");
    proxy.restore();

    await expect(page.getByText("Status: Unsupported")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("Live: updates appear here as they happen")).toBeVisible();
    await expectNotReloaded(page);
    // It came back saying where it left off (the Last-Event-ID header), and got what it missed.
    const resumed = proxy.requestHeads.filter((head) => head.startsWith("GET /api/onboarding/events"));
    expect(resumed.some((head) => /\r\nlast-event-id: [1-9]\d*/i.test(head))).toBe(true);
    await proxy.close();
  });
});
