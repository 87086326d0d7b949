import { expect, test } from "@playwright/test";
import { openIndividualAccount } from "./support/journeys";
import { continueTo, fillAccount } from "./support/wizard";

test.describe("event streams and health", () => {
  test("the end-user stream needs this browser's own registered onboarding", async ({ page, request }) => {
    const anonymous = await request.get("/api/onboarding/events");
    expect(anonymous.status()).toBe(401);

    const forged = await request.get("/api/onboarding/events", {
      headers: { Cookie: "onboarding_session=1b4e28ba-2fa1-11d2-883f-0016d3cca427.forged" },
    });
    expect(forged.status()).toBe(401);

    // A started onboarding without an account yet has nothing to stream.
    await page.goto("/onboarding");
    await fillAccount(page, { type: "individual", purpose: "Trading" });
    await continueTo(page, "contact");
    const notRegistered = await page.request.get("/api/onboarding/events");
    expect(notRegistered.status()).toBe(404);
  });

  test("streams with the headers proxies need, an id per event, and never a token", async ({ page, request }) => {
    await openIndividualAccount(page, request);
    const opened = await page.evaluate(async () => {
      const controller = new AbortController();
      const response = await fetch("/api/onboarding/events?since=0", { signal: controller.signal });
      const reader = response.body!.getReader();
      let text = "";
      while (!/\nid: \d+[\s\S]*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      return {
        status: response.status,
        contentType: response.headers.get("content-type"),
        cacheControl: response.headers.get("cache-control"),
        accelBuffering: response.headers.get("x-accel-buffering"),
        text,
      };
    });
    expect(opened).toMatchObject({
      status: 200,
      contentType: "text/event-stream; charset=utf-8",
      cacheControl: "no-cache, no-transform",
      accelBuffering: "no",
    });
    expect(opened.text).toMatch(/^retry: \d+\n\n/);
    expect(opened.text).toMatch(/id: \d+\nevent: status\ndata: \{"status":"(pending|verified)","requirements":\{"email":(true|false),"sms":(true|false)\},"at":"[^"]+"\}/);
    expect(opened.text).not.toMatch(/token|user_token|partner_user_id|recipient|sequence/i);
  });

  test("the admin stream answers 401 without an admin session", async ({ request }) => {
    const response = await request.get("/api/admin/events");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in as a partner admin" });
  });

  test("health shows the upstream feed connected and the open streams", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({ ok: true, sfox: "sandbox", database: { ok: true, driver: "pglite" } });
    expect(health.feed).toMatchObject({ connected: true, state: "subscribed" });
    expect(typeof health.feed.reconnects).toBe("number");
    expect(health.streams).toMatchObject({ onboarding: expect.any(Number), admin: expect.any(Number) });
    expect(health.eventLoopDelayMs).toMatchObject({ p99: expect.any(Number) });
  });
});
