import { type APIRequestContext, expect, type PlaywrightWorkerArgs, test } from "@playwright/test";
import { outbox, sandboxUsersWithEmail } from "./support/sandbox";
import { ADMIN_STATE, registerAtSandbox, uniqueMarker, waitForUserInApp } from "./support/admin";

// Every page, stream and route of the back office checks the session itself: the layout's redirect
// is a convenience, not the guard. These tests never sign in (see e2e/admin.setup.ts).

const ACTIONS = ["reveal", "resend-code", "refresh", "deactivate"] as const;

/** A real user the app knows, so a refusal is not merely "unknown id"; `admin` carries an admin session. */
async function registeredUser(admin: APIRequestContext) {
  const marker = uniqueMarker("access");
  const user = { userId: marker, type: "individual", role: "client", firstName: "Ada", lastName: marker, email: `${marker}@example.com` } as const;
  await registerAtSandbox(admin, user);
  await waitForUserInApp(admin, user.userId);
  return user;
}

/** A user for the tests without a session, created through a separate, signed-in request context. */
async function registeredUserAsAdmin(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined) {
  const admin = await playwright.request.newContext({ baseURL, storageState: ADMIN_STATE });
  try {
    return await registeredUser(admin);
  } finally {
    await admin.dispose();
  }
}

test.describe("without a session", () => {
  test("every console page sends you to sign in", async ({ page, playwright, baseURL }) => {
    const user = await registeredUserAsAdmin(playwright, baseURL);
    for (const path of [
      "/admin",
      "/admin?tab=all",
      "/admin?tab=verified&type=individual&q=ada&page=2",
      `/admin/users/${user.userId}`,
      "/admin/users/no-such-user",
    ]) {
      const response = await page.goto(path);
      // Signing in brings the admin back to exactly the page they asked for.
      await expect(page, `${path} redirects`).toHaveURL(
        (url) => url.pathname === "/admin/sign-in" && url.searchParams.get("next") === path,
      );
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in to the back office" })).toBeVisible();
      // Nothing of the console leaks into the sign-in page.
      await expect(page.getByText(user.email)).toHaveCount(0);
      await expect(page.getByText(`Signed in as`)).toHaveCount(0);
      await expect(page.getByRole("table")).toHaveCount(0);
    }
  });

  test("the event stream, every action route and the CSV export answer 401 and do nothing", async ({ request, playwright, baseURL }) => {
    const user = await registeredUserAsAdmin(playwright, baseURL);
    const sentBefore = (await outbox(request)).filter((message) => message.user_id === user.userId).length;

    for (const path of ["/api/admin/events", `/api/admin/events?user=${user.userId}`, "/api/admin/users/export", "/api/admin/users/export?tab=all"]) {
      const response = await request.get(path);
      expect(response.status(), `GET ${path}`).toBe(401);
      expect(response.headers()["content-type"], `GET ${path}`).toMatch(/^application\/json/);
      expect(await response.text(), `GET ${path} says nothing about users`).not.toContain(user.userId);
    }
    for (const action of ACTIONS) {
      const response = await request.post(`/api/admin/users/${user.userId}/${action}`);
      expect(response.status(), `POST ${action}`).toBe(401);
      expect(await response.json(), `POST ${action}`).toEqual({ ok: false, message: "Sign in as a partner admin." });
    }
    // A cookie that is not a session is no session either.
    const forged = await request.post(`/api/admin/users/${user.userId}/reveal`, {
      headers: { Cookie: "admin.session_token=forged.value" },
    });
    expect(forged.status()).toBe(401);

    // Nothing happened at sFOX: no code sent, the account still open.
    expect((await outbox(request)).filter((message) => message.user_id === user.userId)).toHaveLength(sentBefore);
    expect(await sandboxUsersWithEmail(request, user.email)).toHaveLength(1);
  });
});

test.describe("with a session", () => {
  test.use({ storageState: ADMIN_STATE });

  test("an action posted from another site is refused with 403, even with the admin's cookie", async ({ page, baseURL }) => {
    const user = await registeredUser(page.request);
    for (const action of ACTIONS) {
      const response = await page.request.post(`/api/admin/users/${user.userId}/${action}`, { headers: { Origin: "https://evil.example" } });
      expect(response.status(), `POST ${action} from another site`).toBe(403);
      expect(await response.json()).toEqual({ ok: false, message: "This request did not come from the back office." });
    }
    expect((await outbox(page.request)).filter((message) => message.user_id === user.userId)).toHaveLength(0);
    expect(await sandboxUsersWithEmail(page.request, user.email)).toHaveLength(1);

    // The same request from the back office's own origin goes through: the 403 was about the origin.
    const own = await page.request.post(`/api/admin/users/${user.userId}/reveal`, { headers: { Origin: new URL(baseURL!).origin } });
    expect(own.status()).toBe(200);
    expect(((await own.json()) as { data: { email: string } }).data.email).toBe(user.email);

    // Only that one reveal is in the user's admin activity.
    await page.goto(`/admin/users/${user.userId}`);
    await expect(page.getByTestId("audit-log").getByRole("listitem")).toHaveCount(1);
    await expect(page.getByTestId("audit-log")).toContainText("Revealed email and phone · done");
  });
});
