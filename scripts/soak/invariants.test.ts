// The soak's verdict: a consistent ending passes, and each kind of damage is named.
import { describe, expect, it } from "vitest";
import { type Outcome, type SandboxUser, checkSoak } from "./invariants";
import type { StoredData } from "./read-database";

const open = { email: true, sms: true };
const done = { email: false, sms: false };

function ending() {
  const sandboxUsers: SandboxUser[] = [{ user_id: "u1", email: "a@example.com", status: "VERIFIED", requirements: done }];
  const stored: StoredData = {
    users: [{ userId: "u1", email: "a@example.com", status: "verified", requirements: done }],
    events: [
      { id: 1, userId: "u1", kind: "registered", payload: { status: "pending", requirements: open, previousStatus: null } },
      { id: 4, userId: "u1", kind: "verification", payload: { status: "pending", requirements: done, previousStatus: "pending" } },
      { id: 9, userId: "u1", kind: "feed", payload: { status: "verified", requirements: done, previousStatus: "pending" } },
    ],
    onboardings: [{ userId: "u1", registered: true }],
  };
  const outcomes: Outcome[] = [
    {
      email: "a@example.com",
      expectedStatus: "VERIFIED",
      failure: null,
      duplicates: 0,
      received: [
        { id: 1, status: "pending", requirements: open },
        { id: 4, status: "pending", requirements: done },
        { id: 9, status: "verified", requirements: done },
      ],
    },
  ];
  return { sandboxUsers, stored, outcomes };
}

const rulesOf = ({ sandboxUsers, stored, outcomes }: ReturnType<typeof ending>) =>
  checkSoak(outcomes, sandboxUsers, stored).map((mismatch) => mismatch.rule);

describe("checkSoak", () => {
  it("finds nothing wrong in a consistent ending", () => {
    expect(rulesOf(ending())).toEqual([]);
  });

  it("names a status the app has wrong, and the stream that ended elsewhere", () => {
    const world = ending();
    world.sandboxUsers[0]!.status = "UNSUPPORTED";
    world.outcomes[0]!.expectedStatus = "UNSUPPORTED";
    expect(rulesOf(world)).toEqual(["status differs from sFOX's", "stream's last message is not the final status"]);
  });

  it("names a change recorded twice", () => {
    const world = ending();
    world.stored.events.push({ id: 10, userId: "u1", kind: "reconciled", payload: { status: "verified", requirements: done, previousStatus: "verified" } });
    world.outcomes[0]!.received = [...world.outcomes[0]!.received, { id: 10, status: "verified", requirements: done }];
    expect(rulesOf(world)).toEqual(["duplicate event"]);
  });

  it("names a change that does not follow the one before", () => {
    const world = ending();
    world.stored.events[2]!.payload.previousStatus = "verified";
    expect(rulesOf(world)).toEqual(["event does not follow the one before"]);
  });

  it("names a stream that missed an event or saw one twice", () => {
    const world = ending();
    world.outcomes[0]!.received = world.outcomes[0]!.received.filter((event) => event.id !== 4);
    world.outcomes[0]!.duplicates = 1;
    expect(rulesOf(world)).toEqual(["stream sent an id twice or out of order", "stream did not deliver exactly the user's events"]);
  });

  it("names a second account for one applicant, and a user the app lacks", () => {
    const world = ending();
    world.sandboxUsers.push({ user_id: "u2", email: "a@example.com", status: "PENDING", requirements: open });
    expect(rulesOf(world)).toEqual(["user missing in the app", "not exactly one sFOX account per applicant"]);
  });

  it("names an applicant who did not finish", () => {
    const world = ending();
    world.outcomes[0]!.failure = "saveStep: no useful answer for 180 s";
    expect(rulesOf(world)).toEqual(["applicant did not finish"]);
  });
});
