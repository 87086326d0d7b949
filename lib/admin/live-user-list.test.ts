import { describe, expect, it } from "vitest";
import type { AdminUserMessage } from "@/lib/realtime/stream-messages";
import { applyUserChange, initialLiveListState, itemOfMessage } from "./live-user-list";
import { DEFAULT_USER_LIST_QUERY, type UserListQuery } from "./user-list-query";

function message(userId: string, change: Partial<AdminUserMessage> & { accountType?: "individual" | "corporation" } = {}): AdminUserMessage {
  const { accountType = "individual", ...rest } = change;
  return {
    userId,
    kind: "feed",
    status: "pending",
    previousStatus: null,
    requirements: { email: true, sms: true },
    at: "2026-11-22T10:00:00.000Z",
    user: {
      firstName: "Ada",
      lastName: userId,
      emailMasked: "a•••@example.com",
      accountType,
      accountRole: "client",
      createdAt: "2026-11-22T10:00:00.000Z",
      deactivated: false,
    },
    ...rest,
  };
}

const counts = { pending: 2, verified: 5, unsupported: 0, all: 7 };
const pendingTab: UserListQuery = DEFAULT_USER_LIST_QUERY;

function stateWith(...userIds: string[]) {
  return initialLiveListState(
    userIds.map((id) => itemOfMessage(message(id, { previousStatus: "pending" }))),
    counts,
    10,
  );
}

describe("applyUserChange", () => {
  it("puts a new user at the top of the Pending tab and counts them", () => {
    const next = applyUserChange(stateWith("old"), message("new"), 11, pendingTab);
    expect(next.rows.map((row) => row.userId)).toEqual(["new", "old"]);
    expect(next.counts).toEqual({ pending: 3, verified: 5, unsupported: 0, all: 8 });
    expect(next.highlighted.new).toBe("new");
    expect(next.announcement).toBe("New user: Ada new, Pending");
  });

  it("updates a row on the page in place, and moves its count to the new tab", () => {
    const next = applyUserChange(stateWith("a", "b"), message("b", { status: "verified", previousStatus: "pending", requirements: { email: false, sms: false } }), 11, pendingTab);
    expect(next.rows.map((row) => [row.userId, row.status])).toEqual([
      ["a", "pending"],
      ["b", "verified"],
    ]);
    expect(next.counts).toEqual({ pending: 1, verified: 6, unsupported: 0, all: 7 });
    expect(next.announcement).toBe("Ada b is now Verified");
  });

  it("skips an event it already applied (a replay after reconnecting)", () => {
    const state = stateWith("a");
    expect(applyUserChange(state, message("new"), 10, pendingTab)).toBe(state);
    const once = applyUserChange(state, message("new"), 11, pendingTab);
    expect(applyUserChange(once, message("new"), 11, pendingTab)).toBe(once);
  });

  it("does not show a new user on a later page, on another tab, or outside the filters, but counts what matches", () => {
    const page2 = applyUserChange(stateWith("a"), message("new"), 11, { ...pendingTab, page: 2 });
    expect(page2.rows.map((row) => row.userId)).toEqual(["a"]);
    expect(page2.counts.pending).toBe(3);

    const verifiedTab = applyUserChange(stateWith("a"), message("new"), 11, { ...pendingTab, tab: "verified" });
    expect(verifiedTab.rows.map((row) => row.userId)).toEqual(["a"]);

    const corporations = applyUserChange(stateWith("a"), message("new"), 11, { ...pendingTab, accountType: "corporation" });
    expect(corporations.rows.map((row) => row.userId)).toEqual(["a"]);
    expect(corporations.counts).toEqual(counts);
  });

  it("moves a changed row to the top when sorted by latest change", () => {
    const next = applyUserChange(stateWith("a", "b"), message("b", { previousStatus: "pending", requirements: { email: false, sms: true } }), 11, {
      ...pendingTab,
      sort: "changed",
    });
    expect(next.rows.map((row) => row.userId)).toEqual(["b", "a"]);
  });

  it("with a search active, offers a refresh for users it cannot place instead of guessing", () => {
    const next = applyUserChange(stateWith("a"), message("new"), 11, { ...pendingTab, search: "lovelace" });
    expect(next.rows.map((row) => row.userId)).toEqual(["a"]);
    expect(next.counts).toEqual(counts);
    expect(next.outOfDate).toBe(true);
  });

  it("marks a deactivation without changing the counts", () => {
    const next = applyUserChange(
      stateWith("a"),
      message("a", { kind: "deactivated", previousStatus: "pending", user: { ...message("a").user, deactivated: true } }),
      11,
      pendingTab,
    );
    expect(next.rows[0]!.deactivated).toBe(true);
    expect(next.counts).toEqual(counts);
    expect(next.announcement).toBe("Ada a was deactivated");
  });
});
