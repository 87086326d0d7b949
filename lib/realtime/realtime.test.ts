import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "@/sandbox/server";
import { registrationCases } from "@/test/fixtures/registration-cases";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { listUserEvents } from "@/lib/db/events";
import { getUser } from "@/lib/db/users";
import type { Logger } from "@/lib/log";
import { createSfoxClient, type SfoxClient } from "@/lib/sfox/client";
import type { RegistrationPayload } from "@/lib/validations/registration";
import { createRealtime, type Realtime } from "./runtime";

const KEY = "realtime-test-key";
let sandbox: SandboxHandle;
let handle: DatabaseHandle;
let client: SfoxClient;
let realtime: Realtime | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-realtime-"));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false, apiKey: KEY, autoReview: false, codeCooldownMs: 0 });
  handle = await openDatabase({ dataDir });
  client = createSfoxClient({ apiUrl: sandbox.url, apiKey: KEY });
});
afterEach(async () => {
  await realtime?.stop();
  realtime = undefined;
});
afterAll(async () => {
  await sandbox.close();
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function recordingLog() {
  const lines: Array<{ level: string; event: string; fields?: Record<string, unknown> }> = [];
  const write = (level: string) => (event: string, fields?: Record<string, unknown>) => lines.push({ level, event, fields });
  const logger: Logger = { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
  return { logger, lines };
}

function start(options: { apiKey?: string; feed?: Parameters<typeof createRealtime>[0]["feed"]; logger?: Logger } = {}) {
  realtime = createRealtime({
    db: async () => handle.db,
    client,
    wsUrl: sandbox.wsUrl,
    apiKey: options.apiKey ?? KEY,
    reconcileIntervalMs: 100,
    feed: { backoffBaseMs: 50, backoffMaxMs: 200, ...options.feed },
    log: options.logger ?? recordingLog().logger,
  });
  return realtime;
}

async function until<T>(read: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let counter = 0;
function person(): RegistrationPayload {
  const base = registrationCases.find((item) => item.valid && item.name === "US individual with ssn");
  return { ...(structuredClone(base!.payload) as RegistrationPayload), user_id: `rt_${Date.now()}_${counter++}` };
}

async function decide(userId: string, status: "VERIFIED" | "UNSUPPORTED" | "PENDING") {
  const response = await fetch(`${sandbox.url}/_sandbox/users/${userId}/decision`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status }),
  });
  expect(response.status).toBe(200);
}

async function fault(body: unknown) {
  await fetch(`${sandbox.url}/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("the feed subscriber and the event pipeline", () => {
  it("authenticates, subscribes, and records each feed event with the user's token sealed", async () => {
    const running = start();
    await until(() => running.subscriber.health().connected);
    const payload = person();
    await client.registerAccount(payload);
    const stored = await until(() => getUser(handle.db, payload.user_id));
    expect(stored.status).toBe("pending");
    expect(stored.userTokenEncrypted).toMatch(/^v1\./);
    expect(stored.sfoxUpdatedNs).toBeGreaterThan(1_600_000_000_000_000_000n);

    await decide(payload.user_id, "VERIFIED");
    await until(async () => (await getUser(handle.db, payload.user_id))?.status === "verified");
    const kinds = (await listUserEvents(handle.db, payload.user_id)).map((event) => event.kind);
    expect(kinds[0]).toBe("feed");
    expect(running.subscriber.health()).toMatchObject({ state: "subscribed", connected: true });
    expect(running.subscriber.health().lastSequence).toBeGreaterThan(2);
  });

  it("records a burst of feed events completely and in order, written together when they pile up", async () => {
    const running = start();
    await until(() => running.subscriber.health().connected);
    const people = [person(), person(), person()];
    for (const payload of people) await client.registerAccount(payload);
    await until(async () => (await Promise.all(people.map((payload) => getUser(handle.db, payload.user_id)))).every(Boolean));
    const published: number[] = [];
    const { eventBus } = await import("@/lib/events/event-bus");
    const stop = eventBus().subscribeAll((change) => published.push(change.event.id));

    // 30 decisions as fast as the sandbox takes them: the feed delivers faster than one write each.
    for (let round = 0; round < 10; round++) {
      for (const payload of people) await decide(payload.user_id, round % 2 === 0 ? "VERIFIED" : "PENDING");
    }
    await until(async () => (await listUserEvents(handle.db, people[2]!.user_id)).length === 11);
    stop();
    for (const payload of people) {
      const statuses = (await listUserEvents(handle.db, payload.user_id)).map((event) => (event.payload as { status: string }).status);
      // Newest first: PENDING, VERIFIED, ... then the registration's PENDING.
      expect(statuses).toEqual([...Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? "pending" : "verified")), "pending"]);
      expect((await getUser(handle.db, payload.user_id))?.status).toBe("pending");
    }
    expect(published).toHaveLength(30);
    expect(published).toEqual([...published].sort((a, b) => a - b));
  });

  it("logs a refused key once, clearly and without the key, and keeps retrying slowly", async () => {
    const { logger, lines } = recordingLog();
    const running = start({ apiKey: "not-the-key", feed: { authRetryMs: 150 }, logger });
    await until(() => running.subscriber.health().reconnects >= 3);
    expect(running.subscriber.health()).toMatchObject({ state: "auth_failed", connected: false });
    const failures = lines.filter((line) => line.event === "sfox_feed_auth_failed");
    expect(failures).toHaveLength(1);
    expect(String(failures[0]?.fields?.message)).toMatch(/refused the API key.*SFOX_API_KEY/);
    expect(JSON.stringify(lines)).not.toContain("not-the-key");
  });

  it("reconnects after the upstream drops, and records what happened while it was away", async () => {
    // A fixed 800 ms wait before reconnecting leaves room to change a user while disconnected.
    const running = start({ feed: { backoffBaseMs: 400, backoffMaxMs: 800, random: () => 1 } });
    await until(() => running.subscriber.health().connected);
    const payload = person();
    await client.registerAccount(payload);
    await until(() => getUser(handle.db, payload.user_id));

    await fault({ ws: "drop" });
    await until(() => !running.subscriber.health().connected);
    await decide(payload.user_id, "VERIFIED");

    await until(() => running.subscriber.health().connected, 5_000);
    expect(running.subscriber.health().reconnects).toBeGreaterThanOrEqual(1);
    await until(async () => (await getUser(handle.db, payload.user_id))?.status === "verified");
    const [latest] = await listUserEvents(handle.db, payload.user_id);
    expect(latest).toMatchObject({ kind: "reconciled", payload: { status: "verified", previousStatus: "pending" } });
  });

  it("reconciles when the feed skips a sequence number", async () => {
    const running = start();
    await until(() => running.subscriber.health().connected);
    await until(() => running.reconciler.health().runs >= 1);
    const runsBefore = running.reconciler.health().runs;

    await fault({ ws: "skip_sequence" });
    await client.registerAccount(person());
    await until(() => running.reconciler.health().runs > runsBefore);
  });

  it("detects a dead connection by its missing pong and reconnects", async () => {
    const running = start({ feed: { pingIntervalMs: 50, pongTimeoutMs: 100 } });
    await until(() => running.subscriber.health().connected);
    // Silence the socket without closing it: the server stops answering pings.
    const socket = (running.subscriber as unknown as { socket: { _socket: { pause(): void } } }).socket;
    socket._socket.pause();
    await until(() => running.subscriber.health().reconnects >= 1, 3_000);
    await until(() => running.subscriber.health().connected, 3_000);
  });
});
