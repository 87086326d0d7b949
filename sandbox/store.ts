// The sandbox's whole state: accounts (with their live verification codes and pending review)
// and the outbox of "sent" codes. Plain data, so the state file is just this object as JSON.
// Every mutation goes through a method that ends with `changed()`, which the server wires to
// the debounced state-file writer.
import { randomUUID } from "node:crypto";
import type { Registration } from "./registration";

export type Status = "PENDING" | "VERIFIED" | "UNSUPPORTED";
export type CodeType = "email" | "sms";

export interface Requirements {
  email: boolean;
  sms: boolean;
}

export interface CodeRecord {
  code: string;
  /** epoch ms */
  sent_at: number;
  expires_at: number;
  /** wrong attempts so far; 5 locks the code */
  attempts: number;
}

export interface UserRecord extends Registration {
  /** sFOX-generated id (newer Get End User snapshot). */
  id: string;
  status: Status;
  requirements: Requirements;
  created_at: string;
  /** Control-API switch: deactivation is refused while true. */
  balances_nonzero: boolean;
  /** Deactivated accounts are kept (their user_id stays taken) but are invisible to the API. */
  deactivated_at: string | null;
  /** epoch ms at which the automatic review fires; persisted so a restart re-arms it. */
  review_due_at: number | null;
  codes: { email?: CodeRecord; sms?: CodeRecord };
}

export interface OutboxEntry {
  user_id: string;
  type: CodeType;
  to: string;
  code: string;
  sent_at: string;
}

export interface StateSnapshot {
  version: 1;
  users: UserRecord[];
  outbox: OutboxEntry[];
}

/** Keeps memory bounded under benchmarks; the oldest entries go first. */
export const OUTBOX_LIMIT = 10_000;

export class Store {
  private users = new Map<string, UserRecord>();
  private outbox: OutboxEntry[] = [];

  constructor(private readonly changed: () => void = () => {}) {}

  /** Any record with this user_id, deactivated ones included (user_id uniqueness). */
  exists(userId: string): boolean {
    return this.users.has(userId);
  }

  /** An account the API can see: registered and not deactivated. */
  active(userId: string): UserRecord | undefined {
    const u = this.users.get(userId);
    return u && u.deactivated_at === null ? u : undefined;
  }

  /** Active accounts in registration order. */
  listActive(): UserRecord[] {
    return [...this.users.values()].filter((u) => u.deactivated_at === null);
  }

  all(): UserRecord[] {
    return [...this.users.values()];
  }

  activeCount(): number {
    let n = 0;
    for (const u of this.users.values()) if (u.deactivated_at === null) n++;
    return n;
  }

  create(reg: Registration, now = new Date()): UserRecord {
    const user: UserRecord = {
      ...reg,
      id: randomUUID(),
      status: "PENDING",
      // Corporations verify email only, so sms is never required of them (decision, README).
      requirements: { email: true, sms: reg.account_type === "individual" },
      created_at: now.toISOString(),
      balances_nonzero: false,
      deactivated_at: null,
      review_due_at: null,
      codes: {},
    };
    this.users.set(user.user_id, user);
    this.changed();
    return user;
  }

  /** Applies a mutation to a user and records the change. */
  update(user: UserRecord, mutate: (u: UserRecord) => void): UserRecord {
    mutate(user);
    this.changed();
    return user;
  }

  addOutbox(entry: OutboxEntry): void {
    this.outbox.push(entry);
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.splice(0, this.outbox.length - OUTBOX_LIMIT);
    this.changed();
  }

  listOutbox(userId?: string): OutboxEntry[] {
    return userId === undefined ? [...this.outbox] : this.outbox.filter((e) => e.user_id === userId);
  }

  reset(): void {
    this.users.clear();
    this.outbox = [];
    this.changed();
  }

  snapshot(): StateSnapshot {
    return { version: 1, users: this.all(), outbox: this.outbox };
  }

  /** Replaces the state with a loaded snapshot (no change notification: it is already on disk). */
  load(snapshot: StateSnapshot): void {
    this.users = new Map(snapshot.users.map((u) => [u.user_id, u]));
    this.outbox = [...snapshot.outbox];
  }
}
