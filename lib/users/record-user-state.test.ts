import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { listUserEvents } from "@/lib/db/events";
import { getUser } from "@/lib/db/users";
import type { SfoxUser } from "@/lib/sfox/types";
import { recordUserState } from "./record-user-state";

let handle: DatabaseHandle;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-users-"));

beforeAll(async () => {
  handle = await openDatabase({ dataDir });
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const user: SfoxUser = {
  userId: "nw_record_1",
  sfoxId: null,
  accountType: "individual",
  accountRole: "client",
  advisorUserId: null,
  firstName: "Ada",
  lastName: "Lovelace",
  email: "ada@example.com",
  phoneNumber: "+14155552671",
  status: "pending",
  requirements: { email: true, sms: true },
};

describe("recordUserState", () => {
  it("stores a new user and logs its registration", async () => {
    const event = await recordUserState(handle.db, user, "registered");
    expect(event).toMatchObject({ userId: user.userId, kind: "registered" });
    expect(event?.payload).toEqual({ status: "pending", requirements: { email: true, sms: true }, previousStatus: null });
    expect((await getUser(handle.db, user.userId))?.status).toBe("pending");
  });

  it("logs nothing when sFOX says the same thing again", async () => {
    expect(await recordUserState(handle.db, { ...user, requirements: { sms: true, email: true } }, "refreshed")).toBeNull();
  });

  it("logs each change a person would notice", async () => {
    await recordUserState(handle.db, { ...user, requirements: { email: false, sms: true } }, "verification");
    await recordUserState(handle.db, { ...user, status: "verified", requirements: { email: false, sms: false } }, "feed");
    const timeline = await listUserEvents(handle.db, user.userId);
    expect(timeline.map((event) => event.kind)).toEqual(["feed", "verification", "registered"]);
    expect(timeline[0]?.payload).toMatchObject({ status: "verified", previousStatus: "pending" });
    expect(JSON.stringify(timeline)).not.toMatch(/token/i);
  });
});
