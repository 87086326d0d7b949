/** Messages between the orchestrator (sse.ts) and a load generator (load-generator.ts), over IPC. */
import type { LatencySummary } from "./stats";

/**
 * normal: measured. The others are the slow-consumer experiment's extra clients, not counted in
 * N: `slow` stalls on a user with a long backlog, `witness` reads that user normally, `stalled`
 * stops reading on a measured user and `reference` reads that same user normally.
 */
export type ClientRole = "normal" | "witness" | "slow" | "stalled" | "reference";

export interface ClientSpec {
  key: string;
  /** Index of the user in the run's user list (the same index as in the decisions). */
  user: number;
  cookie: string;
  role: ClientRole;
  /** Stop reading as soon as the response headers arrive. */
  pauseOnOpen?: boolean;
}

/** What was decided for one user during a phase, in order: when it was posted, the status it set. */
export interface UserDecisions {
  sendTimes: number[];
  statuses: string[];
}

export interface LatencyWindow {
  label: string;
  /** Decisions posted in [from, to) (monotonic ms) count in this window. */
  from: number;
  to: number;
}

export type LoadRequest =
  | { op: "connect"; port: number; path: string; clients: ClientSpec[]; concurrency: number; wait: boolean }
  | { op: "disconnect"; keys: string[] }
  | { op: "mark" }
  | { op: "count" }
  | { op: "evaluate"; decisions: UserDecisions[]; windows: LatencyWindow[] }
  | { op: "pause"; keys: string[] }
  | { op: "resume"; keys: string[] }
  | { op: "clients"; keys: string[] }
  | { op: "compare"; a: string; b: string }
  | { op: "history"; key: string; expected: number }
  | { op: "reconnected"; since: number }
  | { op: "consistency"; expected: number[] }
  | { op: "close" };

export interface ConnectReply {
  opened: number;
  notOpened: number;
  ms: number;
}

export interface CountReply {
  received: number;
  open: number;
  total: number;
}

export interface PhaseResult {
  expected: number;
  delivered: number;
  /** Deliveries whose status was not the one decided at that position (a mapping error). */
  mismatched: number;
  extra: number;
  duplicates: number;
  clientsMissing: number;
  latency: LatencySummary;
  windows: Array<{ label: string; latency: LatencySummary }>;
  /** Per second of the phase (by posting time): max and p99 latency, for looking into spikes. */
  timeline: Array<{ second: number; count: number; p99: number; max: number }>;
}

export interface ClientInfo {
  key: string;
  state: string;
  opens: number;
  attempts: number;
  lastId: number | null;
  bytes: number;
  /** Every event id received since the client was created (extra clients only). */
  allCount: number;
  /** Last-Event-ID sent on each reconnect. */
  resumedFrom: Array<number | null>;
  lastOpenAt: number;
  lastCloseAt: number;
}

export interface CompareReply {
  countA: number;
  countB: number;
  missingInA: number;
  extraInA: number;
  sameOrder: boolean;
}

/** A client's ids against a user's whole history, which is exactly ids 1..expected. */
export interface HistoryReply {
  received: number;
  missing: number;
  inOrder: boolean;
  attempts: number;
  opens: number;
  resumedFrom: Array<number | null>;
  bytes: number;
}

export interface ReconnectedReply {
  total: number;
  open: number;
  reopened: number;
  firstReopenAt: number | null;
  lastReopenAt: number | null;
}

export interface ConsistencyReply {
  clients: number;
  complete: number;
  missingEvents: number;
  extraEvents: number;
  /** Clients whose ids differ from what another client of the same user received. */
  differing: number;
}
