/**
 * What must hold at the end of a soak, checked on what the sandbox (sFOX) holds, what the app
 * stored and what every applicant's stream delivered. Each broken rule is one mismatch, named.
 */
import type { ReceivedEvent } from "../bench/sse-client";
import type { StoredData } from "./read-database";

export interface SandboxUser {
  user_id: string;
  email: string;
  status: string;
  requirements: { email: boolean; sms: boolean };
}

export interface Outcome {
  email: string;
  /** The status sFOX should end with: VERIFIED after the review, or the decision posted last. */
  expectedStatus: string;
  failure: string | null;
  received: readonly ReceivedEvent[];
  /** Ids the stream was sent again or out of order (the client counts and drops them). */
  duplicates: number;
}

export interface Mismatch {
  rule: string;
  detail: string;
}

type State = { status: string; requirements: Record<string, unknown> | null | undefined };

function sameState(a: State, b: State): boolean {
  const ra = a.requirements ?? {};
  const rb = b.requirements ?? {};
  return (
    a.status.toLowerCase() === b.status.toLowerCase() &&
    Boolean(ra.email) === Boolean(rb.email) &&
    Boolean(ra.sms) === Boolean(rb.sms)
  );
}

const describe = (state: State | undefined) =>
  state ? `${state.status.toLowerCase()} ${JSON.stringify(state.requirements ?? {})}` : "nothing";

export function checkSoak(outcomes: readonly Outcome[], sandboxUsers: readonly SandboxUser[], stored: StoredData): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const add = (rule: string, detail: string) => mismatches.push({ rule, detail });

  const storedUsers = new Map(stored.users.map((user) => [user.userId, user]));
  const eventsByUser = new Map<string, StoredData["events"]>();
  for (const event of stored.events) {
    const list = eventsByUser.get(event.userId) ?? [];
    list.push(event);
    eventsByUser.set(event.userId, list);
  }

  // Every sFOX user is in the app, with exactly sFOX's status and requirements; and no other.
  for (const user of sandboxUsers) {
    const mine = storedUsers.get(user.user_id);
    if (!mine) add("user missing in the app", user.user_id);
    else if (!sameState(mine, user)) add("status differs from sFOX's", `${user.user_id}: app ${describe(mine)}, sFOX ${describe(user)}`);
  }
  const atSfox = new Set(sandboxUsers.map((user) => user.user_id));
  for (const user of stored.users) if (!atSfox.has(user.userId)) add("user unknown to sFOX", user.userId);
  for (const onboarding of stored.onboardings) {
    if (onboarding.registered && !atSfox.has(onboarding.userId)) add("registered onboarding without an sFOX account", onboarding.userId);
  }

  // The event log: ids increase, each change follows the one before, none repeats it, the last is the user's state.
  let lastId = 0;
  for (const event of stored.events) {
    if (event.id <= lastId) add("event ids not increasing", `${event.id} after ${lastId}`);
    lastId = event.id;
  }
  for (const [userId, events] of eventsByUser) {
    let previous: State | undefined;
    for (const event of events) {
      const change = event.payload as { status: string; requirements: Record<string, unknown>; previousStatus: string | null };
      const expectedPrevious = previous?.status ?? null;
      if (change.previousStatus !== expectedPrevious) {
        add("event does not follow the one before", `${userId} #${event.id}: previous ${change.previousStatus}, log had ${expectedPrevious}`);
      }
      if (previous && sameState(previous, change)) add("duplicate event", `${userId} #${event.id}: ${describe(change)} twice in a row`);
      previous = change;
    }
    const row = storedUsers.get(userId);
    if (row && previous && !sameState(row, previous)) add("event log ends elsewhere than the user", `${userId}: log ${describe(previous)}, row ${describe(row)}`);
  }

  // Each applicant: finished, one sFOX account, the expected outcome, and a stream that told them all of it.
  const accountsByEmail = new Map<string, SandboxUser[]>();
  for (const user of sandboxUsers) accountsByEmail.set(user.email, [...(accountsByEmail.get(user.email) ?? []), user]);
  for (const outcome of outcomes) {
    if (outcome.failure) add("applicant did not finish", `${outcome.email}: ${outcome.failure}`);
    const accounts = accountsByEmail.get(outcome.email) ?? [];
    if (accounts.length !== 1) {
      add("not exactly one sFOX account per applicant", `${outcome.email}: ${accounts.length}`);
      continue;
    }
    const account = accounts[0]!;
    const expected = { status: outcome.expectedStatus, requirements: { email: false, sms: false } };
    if (!outcome.failure && !sameState(account, expected)) {
      add("unexpected final status at sFOX", `${outcome.email}: ${describe(account)}, expected ${describe(expected)}`);
    }
    const last = outcome.received.at(-1);
    if (!last || !sameState(last, account)) add("stream's last message is not the final status", `${account.user_id}: stream ${describe(last)}, sFOX ${describe(account)}`);
    if (outcome.duplicates > 0) add("stream sent an id twice or out of order", `${account.user_id}: ${outcome.duplicates}`);
    const logged = (eventsByUser.get(account.user_id) ?? []).map((event) => event.id).join(",");
    const streamed = outcome.received.map((event) => event.id).join(",");
    if (logged !== streamed) add("stream did not deliver exactly the user's events", `${account.user_id}: stream [${streamed}], log [${logged}]`);
  }
  return mismatches;
}
