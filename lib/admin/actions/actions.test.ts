import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminIdentity } from "@/lib/admin/admin-session";
import { listAuditForUser } from "@/lib/db/audit-log";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { listUserEvents } from "@/lib/db/events";
import { upsertUser, getUser } from "@/lib/db/users";
import { applyUserState, nowNs } from "@/lib/events/apply-user-state";
import { createSfoxClient, type SfoxClient } from "@/lib/sfox/client";
import type { RegistrationPayload } from "@/lib/validations/registration";
import { DEACTIVATE_NON_ZERO } from "@/sandbox/routes";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { registrationCases } from "@/test/fixtures/registration-cases";
import { deactivateAccount } from "./deactivate";
import { UNKNOWN_USER, type AdminActionName, type AdminActionOutcome } from "./outcome";
import { refreshFromSfox } from "./refresh-from-sfox";
import { resendCode } from "./resend-code";
import { revealContact } from "./reveal-contact";

const KEY = "admin-actions-test-key";
const ADMIN: AdminIdentity = { id: "admin-1", email: "ops@partner.example", name: "Ops" };
let sandbox: SandboxHandle;
let handle: DatabaseHandle;
let client: SfoxClient;
let dataDir: string | undefined;

beforeAll(async () => {
  // No automatic review and no feed subscriber: sFOX changes only when a test decides, and the
  // app hears of it only through the actions under test.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-admin-actions-"));
  sandbox = await startSandbox({ port: 0, log: false, apiKey: KEY, autoReview: false, codeCooldownMs: 0 });
  handle = await openDatabase({ dataDir });
  // One attempt per GET, so an injected fault is seen once instead of retried away.
  client = createSfoxClient({ apiUrl: sandbox.url, apiKey: KEY, getAttempts: 1 });
});
afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const context = (userId: string) => ({ db: handle.db, admin: ADMIN, userId, client });

let counter = 0;
/** A new individual registered at the sandbox and stored as the wizard stores it. */
async function registeredUser(): Promise<RegistrationPayload> {
  const base = registrationCases.find((item) => item.valid && item.name === "US individual with ssn");
  const payload = {
    ...(structuredClone(base!.payload) as RegistrationPayload),
    user_id: `aa_${Date.now()}_${counter++}`,
  };
  const observedAtNs = nowNs();
  await client.registerAccount(payload);
  await applyUserState(handle.db, {
    user: await client.getUser(payload.user_id),
    observedAtNs,
    kind: "registered",
  });
  return payload;
}

/** A user the app stores but sFOX does not know (e.g. seeded, or deleted upstream). */
async function localOnlyUser(): Promise<string> {
  const userId = `aa_local_${Date.now()}_${counter++}`;
  await upsertUser(handle.db, {
    userId,
    accountType: "individual",
    accountRole: "client",
    status: "pending",
    requirements: { email: true, sms: true },
    firstName: "Local",
    lastName: "Only",
    email: "local.only@example.com",
    phoneNumber: "+14155550111",
  });
  return userId;
}

async function control(pathname: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function outbox(userId: string): Promise<Array<{ type: string; to: string; code: string }>> {
  const response = await fetch(`${sandbox.url}/_sandbox/outbox?user_id=${encodeURIComponent(userId)}`);
  return ((await response.json()) as { data: Array<{ type: string; to: string; code: string }> }).data;
}

/** Runs one action and checks it left exactly one audit entry, saying how it ended. */
async function audited<Data>(
  action: AdminActionName,
  userId: string,
  run: () => Promise<AdminActionOutcome<Data>>,
): Promise<AdminActionOutcome<Data> & { detail: Record<string, unknown> }> {
  const before = await listAuditForUser(handle.db, userId);
  const outcome = await run();
  const after = await listAuditForUser(handle.db, userId);
  expect(after).toHaveLength(before.length + 1);
  const [entry] = after;
  expect(entry).toMatchObject({
    actor: ADMIN.email,
    action,
    targetUserId: userId,
    outcome: outcome.ok ? "ok" : "error",
  });
  expect(entry?.detail.message).toBe(outcome.message);
  return { ...outcome, detail: entry!.detail };
}

/** Confirms a code the sandbox sent, then stores sFOX's new state as the wizard would. */
async function confirm(userId: string, type: "email" | "sms"): Promise<void> {
  const code = (await outbox(userId)).filter((message) => message.type === type).at(-1)?.code;
  expect(code).toBeDefined();
  const observedAtNs = nowNs();
  await client.confirmVerificationCode(userId, type, code!);
  await applyUserState(handle.db, { user: await client.getUser(userId), observedAtNs, kind: "verification" });
}

describe("revealContact", () => {
  it("returns the full email and phone and records the look", async () => {
    const payload = await registeredUser();
    const outcome = await audited("reveal_contact", payload.user_id, () =>
      revealContact(context(payload.user_id)),
    );
    expect(outcome).toMatchObject({
      ok: true,
      status: 200,
      data: { email: payload.email, phoneNumber: (await getUser(handle.db, payload.user_id))?.phoneNumber },
    });
    expect(outcome.ok && outcome.data.phoneNumber).toMatch(/^\+\d{8,15}$/);
  });
});

describe("resendCode", () => {
  it("sends the code that is due, email first, then SMS, and nothing once both are confirmed", async () => {
    const { user_id: userId, email } = await registeredUser();

    const first = await audited("resend_code", userId, () => resendCode(context(userId)));
    expect(first).toMatchObject({
      ok: true,
      status: 200,
      data: { type: "email" },
      detail: { type: "email" },
    });
    expect(first.message).toMatch(/^An email code was sent to /);
    expect(first.message).not.toContain(email);
    expect((await outbox(userId)).map((message) => [message.type, message.to])).toEqual([["email", email]]);

    await confirm(userId, "email");
    const second = await audited("resend_code", userId, () => resendCode(context(userId)));
    expect(second).toMatchObject({ ok: true, data: { type: "sms" } });
    expect((await outbox(userId)).map((message) => message.type)).toEqual(["email", "sms"]);

    await confirm(userId, "sms");
    const third = await audited("resend_code", userId, () => resendCode(context(userId)));
    expect(third).toMatchObject({
      ok: false,
      status: 409,
      message: "Email and phone are both confirmed: there is no code to send.",
    });
    expect(await outbox(userId)).toHaveLength(2);
  });

  it("records a failure when sFOX cannot be reached or does not know the user", async () => {
    const { user_id: userId } = await registeredUser();
    await control("/faults", {
      rest: { status: 503, count: 1, path_prefix: "/v1/enterprise/users/send-verification" },
    });
    const unreachable = await audited("resend_code", userId, () => resendCode(context(userId)));
    expect(unreachable).toMatchObject({ ok: false, status: 502, detail: { type: "email" } });
    expect(unreachable.message).toMatch(
      /^sFOX could not be reached to send the email code\. Nothing changed/,
    );
    expect(await outbox(userId)).toEqual([]);

    const stranger = await localOnlyUser();
    const unknown = await audited("resend_code", stranger, () => resendCode(context(stranger)));
    expect(unknown).toMatchObject({ ok: false, status: 404 });
    expect(unknown.message).toMatch(/^sFOX does not know this user/);
  });
});

describe("refreshFromSfox", () => {
  it("records a decision the app did not hear as a `refreshed` event, then finds nothing new", async () => {
    const { user_id: userId } = await registeredUser();
    await control(`/users/${userId}/decision`, { status: "VERIFIED" });
    expect((await getUser(handle.db, userId))?.status).toBe("pending");

    const refreshed = await audited("refresh_from_sfox", userId, () => refreshFromSfox(context(userId)));
    expect(refreshed).toMatchObject({
      ok: true,
      status: 200,
      message: "Updated from sFOX: status Pending → Verified.",
      data: { changed: true },
    });
    const [latest] = await listUserEvents(handle.db, userId);
    expect(latest).toMatchObject({
      kind: "refreshed",
      payload: { status: "verified", previousStatus: "pending" },
    });
    expect(refreshed.detail.eventId).toBe(latest?.id);
    expect((await getUser(handle.db, userId))?.status).toBe("verified");

    const again = await audited("refresh_from_sfox", userId, () => refreshFromSfox(context(userId)));
    expect(again).toMatchObject({
      ok: true,
      message: "Already up to date: sFOX has the same state.",
      data: { changed: false },
    });
    expect((await listUserEvents(handle.db, userId))[0]?.id).toBe(latest?.id);
  });

  it("names a confirmed requirement, and records a failure when sFOX does not know the user", async () => {
    const { user_id: userId } = await registeredUser();
    await client.sendVerificationCode(userId, "email");
    const code = (await outbox(userId))[0]!.code;
    // Confirmed at sFOX behind the app's back: the stored row still wants the email code.
    await client.confirmVerificationCode(userId, "email", code);
    const refreshed = await audited("refresh_from_sfox", userId, () => refreshFromSfox(context(userId)));
    expect(refreshed.message).toBe("Updated from sFOX: email confirmed.");

    const stranger = await localOnlyUser();
    const unknown = await audited("refresh_from_sfox", stranger, () => refreshFromSfox(context(stranger)));
    expect(unknown).toMatchObject({ ok: false, status: 404 });
    expect(await listUserEvents(handle.db, stranger)).toEqual([]);
  });
});

describe("deactivateAccount", () => {
  it("shows sFOX's refusal verbatim and changes nothing, then deactivates once balances are zero", async () => {
    const { user_id: userId } = await registeredUser();
    const eventsBefore = await listUserEvents(handle.db, userId);
    await control(`/users/${userId}/balances`, { nonzero: true });

    const refused = await audited("deactivate", userId, () => deactivateAccount(context(userId)));
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(refused.message).toContain(DEACTIVATE_NON_ZERO);
    expect((await getUser(handle.db, userId))?.deactivatedAt).toBeNull();
    expect(await listUserEvents(handle.db, userId)).toEqual(eventsBefore);
    expect((await client.getUser(userId)).userId).toBe(userId);

    await control(`/users/${userId}/balances`, { nonzero: false });
    const done = await audited("deactivate", userId, () => deactivateAccount(context(userId)));
    expect(done).toMatchObject({ ok: true, status: 200, message: "The account was deactivated at sFOX." });
    const stored = await getUser(handle.db, userId);
    expect(stored?.deactivatedAt).toBeInstanceOf(Date);
    expect(stored?.status).toBe("pending");
    const events = await listUserEvents(handle.db, userId);
    expect(events).toHaveLength(eventsBefore.length + 1);
    expect(events[0]).toMatchObject({
      kind: "deactivated",
      payload: { deactivated: true, status: "pending" },
    });
    await expect(client.getUser(userId)).rejects.toMatchObject({ status: 404 });

    const twice = await audited("deactivate", userId, () => deactivateAccount(context(userId)));
    expect(twice).toMatchObject({ ok: false, status: 409, message: "This account is already deactivated." });
    const resend = await audited("resend_code", userId, () => resendCode(context(userId)));
    expect(resend).toMatchObject({ ok: false, status: 409 });
  });
});

describe("every action on a user the app does not have", () => {
  it("answers 404 and, with nobody to act on, records nothing", async () => {
    const userId = `aa_nobody_${Date.now()}`;
    const outcomes = [
      await revealContact(context(userId)),
      await resendCode(context(userId)),
      await refreshFromSfox(context(userId)),
      await deactivateAccount(context(userId)),
    ];
    for (const outcome of outcomes)
      expect(outcome).toEqual({ ok: false, status: 404, message: UNKNOWN_USER });
    expect(await listAuditForUser(handle.db, userId)).toEqual([]);
  });
});
