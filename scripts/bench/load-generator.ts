/**
 * A load-generator process (started by sse.ts over IPC): holds thousands of SSE clients, records
 * when each event was parsed (monotonic clock, see clock.ts), and turns that into deliveries and
 * latencies when the orchestrator sends what it decided and when. Latency of a delivery =
 * parse time - post time of the decision at the same position in that user's sequence of
 * events since the phase began (checked against the status that decision set).
 */
import http from "node:http";
import type {
  ClientInfo,
  CompareReply,
  ConnectReply,
  ConsistencyReply,
  CountReply,
  HistoryReply,
  LoadRequest,
  PhaseResult,
  ReconnectedReply,
} from "./loadgen-protocol";
import { SseClient, type ReceivedEvent } from "./sse-client";
import { Samples, summarize } from "./stats";

interface Recording {
  ids: number[];
  times: number[];
  statuses: string[];
}

interface Tracked {
  client: SseClient;
  record: Recording;
  /** Every id since creation, for the slow-consumer clients (compared with their reference). */
  all: number[] | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const clients = new Map<string, Tracked>();
const byClient = new WeakMap<SseClient, Tracked>();
let pacing: { inflight: number; queue: SseClient[]; concurrency: number } = {
  inflight: 0,
  queue: [],
  concurrency: 1,
};

const emptyRecord = (): Recording => ({ ids: [], times: [], statuses: [] });

const hooks = {
  onFirstAnswer(): void {
    pacing.inflight--;
    pump();
  },
  onEvent(client: SseClient, event: ReceivedEvent, at: number): void {
    const tracked = byClient.get(client);
    if (!tracked) return;
    tracked.record.ids.push(event.id);
    tracked.record.times.push(at);
    tracked.record.statuses.push(event.status);
    tracked.all?.push(event.id);
  },
};

function pump(): void {
  while (pacing.inflight < pacing.concurrency && pacing.queue.length > 0) {
    const next = pacing.queue.shift();
    if (!next) break;
    pacing.inflight++;
    next.connect();
  }
}

async function connect(request: Extract<LoadRequest, { op: "connect" }>): Promise<ConnectReply> {
  const started = performance.now();
  const created: SseClient[] = [];
  for (const spec of request.clients) {
    const client = new SseClient(spec, request.port, request.path, agent, hooks);
    const tracked: Tracked = { client, record: emptyRecord(), all: spec.role === "normal" ? null : [] };
    clients.set(spec.key, tracked);
    byClient.set(client, tracked);
    created.push(client);
  }
  pacing = {
    inflight: pacing.inflight,
    queue: [...pacing.queue, ...created],
    concurrency: request.concurrency,
  };
  pump();
  if (request.wait) {
    const deadline = Date.now() + 180_000;
    while (created.some((client) => client.opens === 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
  }
  const opened = created.filter((client) => client.opens > 0).length;
  return { opened, notOpened: created.length - opened, ms: performance.now() - started };
}

function normal(): Tracked[] {
  return [...clients.values()].filter((tracked) => tracked.client.spec.role === "normal");
}

function evaluate(request: Extract<LoadRequest, { op: "evaluate" }>): PhaseResult {
  const all = new Samples();
  const windows = request.windows.map((window) => ({ ...window, samples: new Samples() }));
  const firstSend = Math.min(...request.decisions.map((d) => d.sendTimes[0] ?? Number.POSITIVE_INFINITY));
  const seconds = new Map<number, Samples>();
  const result = { expected: 0, delivered: 0, mismatched: 0, extra: 0, duplicates: 0, clientsMissing: 0 };
  for (const { client, record } of normal()) {
    result.duplicates += client.duplicates;
    const decided = request.decisions[client.spec.user];
    if (!decided) continue;
    result.expected += decided.sendTimes.length;
    const n = Math.min(record.ids.length, decided.sendTimes.length);
    for (let i = 0; i < n; i++) {
      const sentAt = decided.sendTimes[i] ?? Number.NaN;
      if (record.statuses[i] !== decided.statuses[i]) {
        result.mismatched++;
        continue;
      }
      result.delivered++;
      const latency = (record.times[i] ?? Number.NaN) - sentAt;
      all.push(latency);
      for (const window of windows)
        if (sentAt >= window.from && sentAt < window.to) window.samples.push(latency);
      const second = Math.floor((sentAt - firstSend) / 1000);
      let bucket = seconds.get(second);
      if (!bucket) seconds.set(second, (bucket = new Samples()));
      bucket.push(latency);
    }
    result.extra += Math.max(0, record.ids.length - decided.sendTimes.length);
    if (record.ids.length < decided.sendTimes.length) result.clientsMissing++;
  }
  return {
    ...result,
    latency: summarize(all.values()),
    windows: windows.map((window) => ({ label: window.label, latency: summarize(window.samples.values()) })),
    timeline: [...seconds.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([second, samples]) => ({ second, ...summarize(samples.values()) })),
  };
}

function info(key: string): ClientInfo | null {
  const tracked = clients.get(key);
  if (!tracked) return null;
  const { client } = tracked;
  return {
    key,
    state: client.state,
    opens: client.opens,
    attempts: client.attempts,
    lastId: client.lastId,
    bytes: client.bytes,
    allCount: tracked.all?.length ?? 0,
    resumedFrom: client.resumedFrom.slice(-10),
    lastOpenAt: client.lastOpenAt,
    lastCloseAt: client.lastCloseAt,
  };
}

function compare(a: string, b: string): CompareReply {
  const idsA = clients.get(a)?.all ?? [];
  const idsB = clients.get(b)?.all ?? [];
  const setA = new Set(idsA);
  const setB = new Set(idsB);
  let missingInA = 0;
  for (const id of setB) if (!setA.has(id)) missingInA++;
  let extraInA = 0;
  for (const id of setA) if (!setB.has(id)) extraInA++;
  const sameOrder = idsA.every((id, i) => i === 0 || id > (idsA[i - 1] ?? 0));
  return { countA: idsA.length, countB: idsB.length, missingInA, extraInA, sameOrder };
}

function history(key: string, expected: number): HistoryReply {
  const tracked = clients.get(key);
  const ids = tracked?.all ?? [];
  const distinct = new Set(ids.filter((id) => id >= 1 && id <= expected));
  return {
    received: ids.length,
    missing: expected - distinct.size,
    inOrder: ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0)),
    attempts: tracked?.client.attempts ?? 0,
    opens: tracked?.client.opens ?? 0,
    resumedFrom: tracked?.client.resumedFrom.slice(-10) ?? [],
    bytes: tracked?.client.bytes ?? 0,
  };
}

function reconnected(since: number): ReconnectedReply {
  let open = 0;
  let reopened = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (const { client } of clients.values()) {
    if (client.state === "open") open++;
    if (client.state === "open" && client.lastOpenAt > since) {
      reopened++;
      first = first === null ? client.lastOpenAt : Math.min(first, client.lastOpenAt);
      last = last === null ? client.lastOpenAt : Math.max(last, client.lastOpenAt);
    }
  }
  return { total: clients.size, open, reopened, firstReopenAt: first, lastReopenAt: last };
}

function consistency(expected: number[]): ConsistencyReply {
  const union = new Map<number, Set<number>>();
  const tracked = normal();
  for (const { client, record } of tracked) {
    let ids = union.get(client.spec.user);
    if (!ids) union.set(client.spec.user, (ids = new Set()));
    for (const id of record.ids) ids.add(id);
  }
  const reply: ConsistencyReply = {
    clients: tracked.length,
    complete: 0,
    missingEvents: 0,
    extraEvents: 0,
    differing: 0,
  };
  for (const { client, record } of tracked) {
    const want = expected[client.spec.user] ?? 0;
    const seen = union.get(client.spec.user)?.size ?? 0;
    if (record.ids.length !== seen) reply.differing++;
    reply.missingEvents += Math.max(0, want - record.ids.length);
    reply.extraEvents += Math.max(0, record.ids.length - want);
    if (record.ids.length === want && seen === want) reply.complete++;
  }
  return reply;
}

async function handle(request: LoadRequest): Promise<unknown> {
  switch (request.op) {
    case "connect":
      return connect(request);
    case "disconnect":
      for (const key of request.keys) {
        clients.get(key)?.client.close();
        clients.delete(key);
      }
      return {};
    case "mark":
      for (const tracked of clients.values()) tracked.record = emptyRecord();
      return {};
    case "count": {
      const tracked = normal();
      const reply: CountReply = { received: 0, open: 0, total: tracked.length };
      for (const { client, record } of tracked) {
        reply.received += record.ids.length;
        if (client.state === "open") reply.open++;
      }
      return reply;
    }
    case "evaluate":
      return evaluate(request);
    case "pause":
      for (const key of request.keys) clients.get(key)?.client.pause();
      return {};
    case "resume":
      for (const key of request.keys) clients.get(key)?.client.resume();
      return {};
    case "clients":
      return request.keys.map(info);
    case "compare":
      return compare(request.a, request.b);
    case "history":
      return history(request.key, request.expected);
    case "reconnected":
      return reconnected(request.since);
    case "consistency":
      return consistency(request.expected);
    case "close":
      for (const { client } of clients.values()) client.close();
      clients.clear();
      agent.destroy();
      setTimeout(() => process.exit(0), 100);
      return {};
  }
}

process.on("message", (message: LoadRequest & { requestId: number }) => {
  handle(message).then(
    (reply) => process.send?.({ requestId: message.requestId, reply }),
    (error: unknown) =>
      process.send?.({
        requestId: message.requestId,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
// The orchestrator is gone: nothing left to measure for.
process.on("disconnect", () => process.exit(0));
