// Two end users and a partner admin at work: nothing of the admin's or of the other user's ever
// reaches an end user's pages or stream.
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./support/admin";
import { openIndividualAccount } from "./support/journeys";
import { decide } from "./support/sandbox";

test("an end user's pages and stream carry only their own onboarding, whatever admins and other users do", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    const alice = await openIndividualAccount(await aliceContext.newPage(), request);
    const bob = await openIndividualAccount(await bobContext.newPage(), request);

    // The admin works on Bob: reveals his contact details (audited) and looks at the console.
    const admin = await adminContext.newPage();
    await admin.goto(`/admin/users/${encodeURIComponent(bob.userId)}`);
    await admin.getByRole("button", { name: /reveal/i }).click();
    await expect(admin.getByText(bob.email)).toBeVisible();
    await admin.goto("/admin?tab=all");

    // Alice's stream, from the start of the log; then sFOX decides on Bob, then on Alice.
    const page = await aliceContext.newPage();
    await page.goto("/onboarding/done");
    const streamed = page.evaluate(async () => {
      const controller = new AbortController();
      const response = await fetch("/api/onboarding/events?since=0", { signal: controller.signal });
      const reader = response.body!.getReader();
      let text = "";
      // Until Alice's own verification arrives (the decision below), then a moment more.
      while (!/"status":"verified"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      setTimeout(() => controller.abort(), 500);
      try {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          text += new TextDecoder().decode(chunk.value);
        }
      } catch {
        // Aborted: done reading.
      }
      return text;
    });
    await decide(request, bob.userId, "VERIFIED");
    await decide(request, alice.userId, "VERIFIED");
    const stream = await streamed;

    const frames = stream.split("\n\n").filter((frame) => frame.includes("data:"));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as Record<string, unknown>;
      expect(Object.keys(data).sort()).toEqual(["at", "requirements", "status"]);
    }
    // Only Alice's changes: registered (pending), her two confirmations, and the decision.
    expect(frames.filter((frame) => frame.includes('"status":"verified"'))).toHaveLength(1);

    const pages: Record<string, string> = { stream };
    for (const path of ["/", "/onboarding/done", "/onboarding/inbox"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      pages[path] = await response.text();
    }
    for (const [where, text] of Object.entries(pages)) {
      for (const secret of [bob.userId, bob.email, ADMIN.email]) expect(text, `${where} must not show ${secret}`).not.toContain(secret);
      expect(text, where).not.toMatch(/audit|Admin activity|emailMasked|user_token/i);
    }

    // And the back office stays shut to her session.
    expect((await page.request.get("/api/admin/events")).status()).toBe(401);
    expect((await page.request.get("/api/admin/users/export")).status()).toBe(401);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in/);
  } finally {
    await Promise.all([aliceContext.close(), bobContext.close(), adminContext.close()]);
  }
});
