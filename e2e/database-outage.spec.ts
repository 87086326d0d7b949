// PostgreSQL stops for a few seconds under two running instances (issue 8): clear 503s while it is
// gone, nothing half-written, and everything back without restarting either: one feed leader again,
// and the other instance's live streams fed by the shared event log again.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { ACTION_UNREACHABLE_MESSAGE } from "../lib/action-result";
import { type Cluster, followAdminStream, health, sandboxApi, signInAdmin, startCluster, waitForLeader } from "./support/cluster";
import { continueTo, fillAccount, fillContact, usIndividual } from "./support/wizard";

test.describe.configure({ mode: "serial", timeout: 180_000 });

let cluster: Cluster;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await startCluster(2);
  await waitForLeader(cluster.instances, 30_000);
});
test.afterAll(async () => {
  await cluster?.stop();
});

/** One query on a fresh connection: the cluster's own client does not survive the server stopping. */
async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: cluster.postgres.url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function storedStatus(userId: string): Promise<string | null> {
  const [row] = await query<{ status: string }>("SELECT status FROM users WHERE user_id = $1", [userId]);
  return row?.status ?? null;
}

test("PostgreSQL stopping for a few seconds under two instances: 503s that say so, nothing half-written, all back without a restart", async ({
  page,
  request,
}) => {
  const app = cluster.instances[0]!;
  const pids = cluster.instances.map((instance) => instance.child.pid);
  const sfox = sandboxApi(cluster);
  const person = usIndividual();

  // An account opened at sFOX through another channel: sFOX will decide on it while the app's database is down.
  const userId = `outage_${Date.now()}`;
  await sfox.registerIndividual(userId);
  await expect.poll(() => storedStatus(userId)).toBe("pending");

  // A person halfway through the wizard.
  await page.goto(`${app.origin}/onboarding`);
  await expect(page).toHaveURL(/\/onboarding\/account$/);
  await fillAccount(page, { type: "individual", purpose: "Investing" });
  await continueTo(page, "contact");
  await fillContact(page, person.contact);
  const [session] = await query<{ id: string; step: string; draft: Record<string, unknown> }>(
    "SELECT id, step, draft FROM onboarding_sessions ORDER BY created_at DESC LIMIT 1",
  );
  expect(session?.draft.contact).toBeUndefined();

  await cluster.postgres.pause();
  const pausedAt = Date.now();
  try {
    await sfox.decide(userId, "VERIFIED");

    // Continue: the form says what happened, and the person stays on their step with their answers.
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert").filter({ hasText: ACTION_UNREACHABLE_MESSAGE })).toBeVisible();
    await expect(page).toHaveURL(/\/onboarding\/contact$/);
    await expect(page.getByLabel("First name")).toHaveValue(person.contact.firstName);

    // A page: a 503 page that explains, with a way to try again.
    const pageResponse = await request.get(`${app.origin}/onboarding/contact`, { headers: { accept: "text/html" } });
    expect(pageResponse.status()).toBe(503);
    expect(pageResponse.headers()["retry-after"]).toBe("5");
    expect(await pageResponse.text()).toContain("We cannot reach our database at the moment");
    const other = await page.context().newPage();
    const shown = await other.goto(`${app.origin}/onboarding/contact`);
    expect(shown?.status()).toBe(503);
    await expect(other.getByRole("heading", { level: 1, name: "We will be back in a moment" })).toBeVisible();
    await expect(other.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/onboarding/contact");
    await other.close();

    // The API and the streams: a 503 with a machine-readable reason; the health check names the database.
    const stream = await request.get(`${app.origin}/api/onboarding/events`, { headers: { accept: "text/event-stream" } });
    expect(stream.status()).toBe(503);
    expect(await stream.json()).toMatchObject({ error: "database_unavailable" });
    const health = await request.get(`${app.origin}/api/health`);
    expect(health.status()).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, database: { ok: false } });

    // A few seconds of outage, with the app retrying underneath: still a 503, still no crash.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4_000 - (Date.now() - pausedAt))));
    expect((await request.get(`${app.origin}/onboarding/contact`, { headers: { accept: "text/html" } })).status()).toBe(503);
  } finally {
    await cluster.postgres.resume();
  }

  // Back, in the same process: no restart.
  await expect.poll(async () => (await request.get(`${app.origin}/api/health`)).status(), { timeout: 30_000 }).toBe(200);
  expect((await request.get(`${app.origin}/onboarding/contact`, { headers: { accept: "text/html" } })).status()).toBe(200);
  for (const [index, instance] of cluster.instances.entries()) {
    expect(instance.child.pid).toBe(pids[index]);
    expect(instance.child.exitCode).toBeNull();
  }

  // Nothing half-written: the Continue that failed saved nothing.
  const [after] = await query<{ step: string; draft: Record<string, unknown> }>("SELECT step, draft FROM onboarding_sessions WHERE id = $1", [
    session!.id,
  ]);
  expect(after).toEqual({ step: session!.step, draft: session!.draft });

  // The same Continue now works.
  await continueTo(page, "identity");
  const [saved] = await query<{ draft: { contact?: { email?: string } } }>("SELECT draft FROM onboarding_sessions WHERE id = $1", [session!.id]);
  expect(saved?.draft.contact?.email).toBe(person.contact.email);

  // Nothing lost: sFOX's decision, made while the database was down, is in the app (the feed's
  // new subscription reconciled it), recorded once.
  await expect.poll(() => storedStatus(userId), { timeout: 30_000 }).toBe("verified");
  const events = await query<{ status: string }>("SELECT payload->>'status' AS status FROM events WHERE user_id = $1 ORDER BY id", [userId]);
  expect(events.map((event) => event.status)).toEqual(["pending", "verified"]);

  // The cluster put itself back together: one instance holds sFOX's feed, on one subscription,
  // and the other follows the event log again (its LISTEN connection died with the server).
  const leader = await waitForLeader(cluster.instances, 30_000);
  const follower = cluster.instances.find((instance) => instance !== leader)!;
  await expect.poll(async () => (await health(follower.origin)).cluster?.eventLog.listening, { timeout: 30_000 }).toBe(true);
  expect((await health(follower.origin)).cluster?.leadership.role).not.toBe("leader");
  await expect.poll(() => sfox.feedConnections(), { timeout: 30_000 }).toBe(1);

  // A change after the outage reaches a live stream on the instance that does not hold the feed,
  // without that stream reconnecting: only a working event-log follower can bring it there.
  const [newest] = await query<{ id: string }>("SELECT max(id)::text AS id FROM events");
  const since = Number(newest!.id);
  const stream = followAdminStream(() => follower.origin, await signInAdmin(cluster, follower), since);
  try {
    // Open, and past its (empty) replay, before the change is made: from here on only the live path
    // can deliver it.
    await expect.poll(async () => (await health(follower.origin)).streams?.admin).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await sfox.decide(userId, "PENDING");
    await expect.poll(() => stream.ids.length, { timeout: 15_000 }).toBe(1);
    const [latest] = await query<{ id: string }>("SELECT max(id)::text AS id FROM events WHERE user_id = $1", [userId]);
    expect(stream.ids).toEqual([Number(latest!.id)]);
    expect(stream.resumedWith).toEqual([null]);
  } finally {
    stream.close();
  }
});
