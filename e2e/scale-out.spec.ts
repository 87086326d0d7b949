// Several app instances on one PostgreSQL (issue 7): one upstream subscription among them, every
// event to every browser whichever instance serves it, and a takeover when the leader dies.
import { expect, test } from "@playwright/test";
import {
  type Cluster,
  followAdminStream,
  health,
  type Instance,
  sandboxApi,
  signInAdmin,
  startCluster,
  waitForLeader,
} from "./support/cluster";
import { startCuttableProxy } from "./support/cuttable-proxy";

test.describe.configure({ mode: "serial", timeout: 180_000 });

let cluster: Cluster;
let adminCookie: string;
let sequence = 0;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await startCluster(2);
  await waitForLeader(cluster.instances, 30_000);
  // One sign-in for the whole file (the limit is 5 a minute per address, counted in the database).
  adminCookie = await signInAdmin(cluster, cluster.instances[0]!);
});
test.afterAll(async () => {
  await cluster?.stop();
});

/** Registers an account at sFOX directly (another channel of the partner's) and returns its id. */
async function registerAtSfox(): Promise<string> {
  const userId = `cluster_${Date.now()}_${sequence++}`;
  await sandboxApi(cluster).registerIndividual(userId);
  return userId;
}

async function logIdsAfter(since: number): Promise<number[]> {
  const { rows } = await cluster.db.query<{ id: number }>("SELECT id FROM events WHERE id > $1 ORDER BY id", [since]);
  return rows.map((row) => Number(row.id));
}

async function latestLogId(): Promise<number> {
  const { rows } = await cluster.db.query<{ id: number | null }>("SELECT max(id) AS id FROM events");
  return Number(rows[0]?.id ?? 0);
}

function other(instance: Instance): Instance {
  return cluster.instances.find((candidate) => candidate !== instance)!;
}

test("two instances hold one upstream subscription, and a stream on each gets every event once, in order", async () => {
  const sfox = sandboxApi(cluster);
  expect(await sfox.feedConnections()).toBe(1);
  const [a, b] = cluster.instances as [Instance, Instance];
  const since = await latestLogId();
  const onA = followAdminStream(() => a.origin, adminCookie, since);
  const onB = followAdminStream(() => b.origin, adminCookie, since);
  try {
    const users = [await registerAtSfox(), await registerAtSfox(), await registerAtSfox()];
    for (const status of ["VERIFIED", "PENDING", "VERIFIED"] as const) {
      for (const userId of users) await sfox.decide(userId, status);
    }
    // Each registration (pending) and each decision changed a status: one event each in the shared log.
    await expect.poll(async () => (await logIdsAfter(since)).length).toBe(12);
    const expected = await logIdsAfter(since);
    await expect.poll(() => onA.ids.length).toBe(12);
    await expect.poll(() => onB.ids.length).toBe(12);
    expect(onA.ids).toEqual(expected);
    expect(onB.ids).toEqual(expected);
    expect(await sfox.feedConnections()).toBe(1);
  } finally {
    onA.close();
    onB.close();
  }
});

test("when the leader dies mid-stream, the other instance takes over within 5 s and nothing is lost or doubled", async () => {
  const sfox = sandboxApi(cluster);
  const leader = await waitForLeader(cluster.instances);
  const survivor = other(leader);
  const since = await latestLogId();
  // One client on the survivor; one behind a load balancer that sends it to the leader, then,
  // once the leader is gone, to the survivor (with Last-Event-ID, as a browser reconnects).
  const balancer = await startCuttableProxy(leader.port);
  const onSurvivor = followAdminStream(() => survivor.origin, adminCookie, since);
  const throughBalancer = followAdminStream(() => balancer.origin, adminCookie, since);
  try {
    await expect.poll(async () => (await health(survivor.origin)).cluster?.leadership.role).toBe("candidate");
    const users: string[] = [];
    let takeoverMs: Promise<number> | null = null;
    for (let i = 0; i < 24; i++) {
      const userId = await registerAtSfox();
      users.push(userId);
      await sfox.decide(userId, "VERIFIED");
      if (i % 3 === 0 && users.length > 1) await sfox.decide(users[i - 1]!, "UNSUPPORTED");
      if (i === 8) {
        balancer.retarget(survivor.port);
        const killedAt = Date.now();
        await leader.kill();
        takeoverMs = waitForLeader([survivor], 10_000, 25).then(() => Date.now() - killedAt);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The survivor holds the feed (subscribed) within 5 s of the kill; its candidate retries every 2 s.
    const takeover = await takeoverMs!;
    test.info().annotations.push({ type: "takeover", description: `the survivor held the feed ${takeover} ms after the kill` });
    expect(takeover).toBeLessThan(5_000);
    expect(await sfox.feedConnections()).toBe(1);

    // What sFOX said while nobody held the feed arrives through the takeover's reconciliation:
    // every user's stored status ends equal to sFOX's.
    const expectedStatus = new Map(
      (await sfox.users())
        .filter((user) => users.includes(user.user_id))
        .map((user) => [user.user_id, user.status.toLowerCase()]),
    );
    expect(expectedStatus.size).toBe(users.length);
    await expect
      .poll(async () => {
        const { rows } = await cluster.db.query<{ user_id: string; status: string }>(
          "SELECT user_id, status FROM users WHERE user_id = ANY($1)",
          [users],
        );
        return new Map(rows.map((row) => [row.user_id, row.status]));
      })
      .toEqual(expectedStatus);

    // No change was recorded twice: consecutive events of a user always differ.
    const { rows: doubled } = await cluster.db.query(
      `SELECT id FROM (
         SELECT id, payload, lag(payload) OVER (PARTITION BY user_id ORDER BY id) AS previous
         FROM events WHERE user_id = ANY($1)) changes
       WHERE payload->'status' = previous->'status' AND payload->'requirements' = previous->'requirements'`,
      [users],
    );
    expect(doubled).toEqual([]);

    // Both clients have every event of the log since they started, once each, in order.
    const expected = await logIdsAfter(since);
    expect(expected.length).toBeGreaterThanOrEqual(users.length);
    await expect.poll(() => onSurvivor.ids.length, { timeout: 15_000 }).toBe(expected.length);
    await expect.poll(() => throughBalancer.ids.length, { timeout: 15_000 }).toBe(expected.length);
    expect(onSurvivor.ids).toEqual(expected);
    expect(throughBalancer.ids).toEqual(expected);
    // The balanced client really moved: it resumed on the survivor with the id it had.
    expect(throughBalancer.resumedWith.filter((id) => id !== null).length).toBeGreaterThanOrEqual(1);
    expect(balancer.requestTargets.at(-1)).toBe(survivor.port);
  } finally {
    onSurvivor.close();
    throughBalancer.close();
    await balancer.close();
  }
});

test("a browser moved to the other instance resumes with Last-Event-ID and shows the change it missed", async ({
  page,
  context,
}) => {
  const sfox = sandboxApi(cluster);
  // Two instances again (the previous test killed one); the browser starts on one, moves to the other.
  for (const instance of cluster.instances) {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) await instance.restart();
  }
  const [first, second] = cluster.instances as [Instance, Instance];

  const userId = await registerAtSfox();
  await sfox.decide(userId, "VERIFIED");
  await expect.poll(async () => (await cluster.db.query("SELECT 1 FROM users WHERE user_id = $1", [userId])).rowCount).toBe(1);

  const balancer = await startCuttableProxy(first.port);
  try {
    const [name, value] = adminCookie
      .split("; ")
      .find((cookie) => cookie.includes("session_token"))!
      .split(/=(.*)/s) as [string, string];
    await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
    await page.goto(`${balancer.origin}/admin/users/${encodeURIComponent(userId)}`);
    const status = page.getByTestId("user-status");
    await expect(status).toContainText("Verified");
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    // A first change arrives live, so the browser has an event id to resume from.
    await sfox.decide(userId, "PENDING");
    await expect(status).toContainText("Pending");

    // The network between the browser and its instance fails; meanwhile sFOX decides.
    balancer.cut();
    await sfox.decide(userId, "UNSUPPORTED");
    await expect
      .poll(async () => (await cluster.db.query("SELECT status FROM users WHERE user_id = $1", [userId])).rows[0]?.status)
      .toBe("unsupported");
    // The load balancer now sends this browser to the other instance.
    balancer.retarget(second.port);
    balancer.restore();

    await expect(page.getByText("Reconnecting…")).toBeVisible();
    await expect(status).toContainText("Unsupported", { timeout: 15_000 });
    const resumed = balancer.requestHeads.findIndex(
      (head, index) => /\r\nlast-event-id: [1-9]\d*/i.test(head) && balancer.requestTargets[index] === second.port,
    );
    expect(resumed, "the EventSource reconnected to the other instance with Last-Event-ID").toBeGreaterThanOrEqual(0);
  } finally {
    await balancer.close();
  }
});
