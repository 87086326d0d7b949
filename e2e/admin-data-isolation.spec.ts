// Two end users and a partner admin at work: nothing of the admin's or of the other user's ever
// reaches an end user's pages or stream.
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./support/admin";
import { openIndividualAccount } from "./support/journeys";
import { decide, sandboxUsersWithEmail } from "./support/sandbox";

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

    // Both are verified by the sandbox's automatic review; wait for it, so what follows is news.
    for (const person of [alice, bob]) {
      await expect.poll(async () => (await sandboxUsersWithEmail(request, person.email))[0]?.status, { timeout: 15_000 }).toBe("VERIFIED");
    }

    // Alice's stream, from the start of the log; then sFOX changes Bob twice, then Alice once.
    const page = await aliceContext.newPage();
    await page.goto("/onboarding/done");
    const streamed = page.evaluate(async () => {
      const controller = new AbortController();
      const response = await fetch("/api/onboarding/events?since=0", { signal: controller.signal });
      const reader = response.body!.getReader();
      let text = "";
      // Her history first, up to verified: the stream is live from then on.
      while (!/"status":"verified"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      (window as unknown as { __live: boolean }).__live = true;
      // Until Alice's own last change arrives, then a second more for anything that follows it.
      while (!/"status":"unsupported"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      setTimeout(() => controller.abort(), 1_000);
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
    // Bob's changes are made while her stream is live.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __live?: boolean }).__live === true)).toBe(true);
    await decide(request, bob.userId, "PENDING");
    await decide(request, bob.userId, "UNSUPPORTED");
    await decide(request, alice.userId, "UNSUPPORTED");
    const stream = await streamed;

    const frames = stream.split("\n\n").filter((frame) => frame.includes("data:"));
    const statuses = frames.map((frame) => {
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as Record<string, unknown>;
      expect(Object.keys(data).sort()).toEqual(["at", "requirements", "status"]);
      return data.status;
    });
    // Only Alice's changes: her history up to verified, then her one change. Bob's two are not there.
    const verifiedAt = statuses.indexOf("verified");
    expect(verifiedAt).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(verifiedAt + 1)).toEqual(["unsupported"]);

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
