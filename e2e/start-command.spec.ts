import { expect, test } from "@playwright/test";
import { sandboxUrl } from "./ports";

test("the start command runs the sFOX sandbox beside the app, on SANDBOX_PORT", async ({ request }) => {
  const health = await request.get(`${sandboxUrl}/_sandbox/health`);
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ ok: true });

  // It stands for sFOX: the REST API wants the key the app was given.
  const anonymous = await request.get(`${sandboxUrl}/v1/enterprise/users`);
  expect(anonymous.status()).toBe(401);
});
