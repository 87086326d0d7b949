import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { SEED_BUSINESS_BODY, SEED_INDIVIDUAL_BODY } from "../../test/fixtures/seed-examples";
import { appPort, sandboxUrl } from "../ports";
import { pendingFaultCount } from "./sandbox";

/** The admin created at start from playwright.config.ts `webServer.env`. */
export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-0123" };

/**
 * The admin's signed-in browser state, written once by e2e/admin.setup.ts (a project every spec
 * depends on) and reused by the admin specs with `test.use({ storageState: ADMIN_STATE })`. Per
 * port, like the database, so two runs side by side never share a session.
 */
export const ADMIN_STATE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "test-results",
  ".auth",
  `admin-${appPort}.json`,
);

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
] as const;

/** axe at a desktop and a phone width, with a full-page screenshot of each kept as an artifact. */
export async function audit(page: Page, testInfo: TestInfo, state: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).analyze();
    const found = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
    expect.soft(found, `axe on ${state} at ${viewport.width}px`).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${state}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

/** A marker no other spec's users share, to scope searches and counts to this test's users. */
export function uniqueMarker(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export interface SandboxRegistration {
  userId: string;
  type: "individual" | "corporation";
  role: "client" | "advisor";
  firstName: string;
  lastName: string;
  email: string;
  /** E.164, US. */
  phone?: string;
}

/** A valid register-account body: the documented examples with this user's own identity. */
function registrationBody(user: SandboxRegistration): Record<string, unknown> {
  const body = JSON.parse(user.type === "individual" ? SEED_INDIVIDUAL_BODY : SEED_BUSINESS_BODY) as Record<string, unknown>;
  delete body.advisor_user_id;
  return {
    ...body,
    user_id: user.userId,
    account_role: user.role,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    phone_number: user.phone ?? "+14155552671",
  };
}

/**
 * Opens an account straight at the sandbox's REST API, as another partner channel would: the app
 * learns of it from the sFOX feed, as it would of any user. Much faster than the wizard.
 *
 * Other specs inject one-off faults on register-account (sfox-outage, double-submit); a fault is
 * taken by whichever registration comes next, so this waits until none is pending before asking.
 */
export async function registerAtSandbox(request: APIRequestContext, user: SandboxRegistration): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await expect.poll(() => pendingFaultCount(request), { message: "another spec's sandbox fault is still pending" }).toBe(0);
    const response = await request.post(`${sandboxUrl}/v1/enterprise/register-account`, {
      headers: { Authorization: "Bearer sandbox-key" },
      data: registrationBody(user),
    });
    if (response.status() === 202) return;
    const text = await response.text();
    if (attempt < 3 && text.includes("(injected fault)")) continue;
    throw new Error(`register-account for ${user.userId} answered ${response.status()}: ${text}`);
  }
}

export async function setBalances(request: APIRequestContext, userId: string, nonzero: boolean): Promise<void> {
  const response = await request.post(`${sandboxUrl}/_sandbox/users/${encodeURIComponent(userId)}/balances`, { data: { nonzero } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** The user types a code at sFOX (the REST verify call a partner's own form would make). */
export async function confirmCodeAtSandbox(request: APIRequestContext, userId: string, type: "email" | "sms", otp: string): Promise<void> {
  const response = await request.post(`${sandboxUrl}/v1/enterprise/users/verify/${encodeURIComponent(userId)}`, {
    headers: { Authorization: "Bearer sandbox-key" },
    data: { type, otp },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Waits until the app knows the user (its detail page exists); `request` must carry the admin's session. */
export async function waitForUserInApp(request: APIRequestContext, userId: string): Promise<void> {
  await expect
    .poll(async () => (await request.get(`/admin/users/${encodeURIComponent(userId)}`, { maxRedirects: 0 })).status(), {
      message: `the app never learned of ${userId} from the sFOX feed`,
    })
    .toBe(200);
}

/**
 * An individual client opened at the sandbox with a fresh marker as id and last name, once the app
 * has it; the page (signed in as the admin) is left on the user's detail page.
 */
export async function openNewUser(page: Page, prefix: string) {
  const marker = uniqueMarker(prefix);
  const user = {
    userId: marker,
    type: "individual",
    role: "client",
    firstName: "Ada",
    lastName: marker,
    email: `${marker}@example.com`,
    phone: "+14155552671",
  } as const satisfies SandboxRegistration;
  await registerAtSandbox(page.request, user);
  await waitForUserInApp(page.request, user.userId);
  await page.goto(`/admin/users/${user.userId}`);
  await expect(page.getByRole("heading", { level: 1, name: `Ada ${marker}` })).toBeVisible();
  return { ...user, name: `Ada ${marker}` };
}

/** The users list's row of one user. */
export function userRow(page: Page, userId: string): Locator {
  return page.locator(`tbody tr[data-user-id="${userId}"]`);
}

/** The user ids of the rows on screen, top to bottom. */
export function listedUserIds(page: Page): Promise<string[]> {
  return page.locator("tbody tr[data-user-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-user-id") ?? ""));
}

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF rows. Answers rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\n" || (character === "\r" && text[i + 1] === "\n")) {
      if (character === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += character;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV rows as objects keyed by the header row. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""])));
}
