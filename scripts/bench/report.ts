/** The printed result: a table of app vs floor per N, the slow-consumer and restart outcomes, the verdicts, the BENCH line. */
import os from "node:os";
import type { HistoryReply } from "./loadgen-protocol";
import type { BenchOptions } from "./options";
import type { PhaseReport, TargetReport } from "./scenario";

type Row = [label: string, app: (r: TargetReport) => number | string | null, ratio?: "ratio"];

const num = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits);
const int = (value: number): string => value.toLocaleString("en-US");
const signed = (ratio: number): string =>
  Number.isNaN(ratio) ? "n/a" : `${ratio >= 0 ? "+" : ""}${(ratio * 100).toFixed(0)}%`;
const perConn = (r: TargetReport, kb: number) => (kb - r.memBase.rssKb) / r.n;
const heapPerConn = (r: TargetReport, kb: number) => (kb - r.memBase.heapKb) / r.n;

export function renderReport(reports: TargetReport[], options: BenchOptions, elapsedMs: number): string[] {
  const lines: string[] = [];
  const ns = [...new Set(reports.map((r) => r.n))];
  const find = (kind: "app" | "floor", n: number) => reports.find((r) => r.kind === kind && r.n === n);
  const cpus = os.cpus();
  lines.push("");
  lines.push(
    `SSE benchmark: app (scripts/app-server.ts, production build) vs floor (plain node:http broadcaster), ` +
      `${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}) shared by server, sandbox, load generator and orchestrator; Node ${process.version}`,
  );
  lines.push(
    `App database: ${options.database === "postgres" ? "PostgreSQL (the project's throwaway test server, fsync off; its CPU is listed apart)" : "embedded PGlite, on its own thread of the app process (as npm start)"}.`,
  );
  lines.push(
    `Clients per user ${options.clientsPerUser}; steady ${options.steadyRate} events/s for ${options.steadySeconds} s; burst ${int(options.burstDeliveries)} deliveries/s for ${options.burstSeconds} s.`,
  );
  lines.push(
    "Latency: decision posted to the sandbox -> event parsed by the client (monotonic clock shared by all processes).",
  );
  lines.push("");

  const phaseRows = (name: "steady" | "burst"): Row[] => {
    const get = (r: TargetReport): PhaseReport => r[name];
    return [
      [
        `${name}: events/s -> deliveries/s`,
        (r) => `${num(get(r).eventsPerSecond, 0)} -> ${int(Math.round(get(r).deliveriesPerSecond))}`,
      ],
      [`${name}: delivered/expected`, (r) => `${get(r).result.delivered}/${get(r).result.expected}`],
      [`${name}: latency p50 ms`, (r) => get(r).result.latency.p50, "ratio"],
      [`${name}: latency p99 ms`, (r) => get(r).result.latency.p99, "ratio"],
      [`${name}: latency max ms`, (r) => get(r).result.latency.max, "ratio"],
      [`${name}: CPU % of one core`, (r) => get(r).cpu.server, "ratio"],
      [`${name}: event-loop delay p99 ms`, (r) => get(r).loop.p99, "ratio"],
      [`${name}: load generator loop p99 ms`, (r) => get(r).loadgenLoop.p99],
    ];
  };
  const rows: Row[] = [
    ["users x clients", (r) => `${r.users} x ${Math.round(r.n / r.users)}`],
    ["connect all clients, s", (r) => r.connectMs / 1000, "ratio"],
    ["  listen-queue overflows meanwhile", (r) => String(r.connectOverflows)],
    ["RSS before clients, MB", (r) => r.memBase.rssKb / 1024, "ratio"],
    ["RSS KB/conn, all connected idle", (r) => perConn(r, r.memIdle.rssKb), "ratio"],
    ["RSS KB/conn, after the burst", (r) => perConn(r, r.memAfter.rssKb), "ratio"],
    ["V8 heap+external KB/conn, idle", (r) => heapPerConn(r, r.memIdle.heapKb), "ratio"],
    ...phaseRows("steady"),
    ...phaseRows("burst"),
  ];

  const width = 36;
  const col = 13;
  // A value wider than its column still gets a space after it.
  const cell = (text: string) => (text.length >= col ? `${text} ` : text.padEnd(col));
  let header = "".padEnd(width);
  for (const n of ns) header += cell(`| N=${int(n)}`) + "".padEnd(col * 2);
  lines.push(header);
  let sub = "".padEnd(width);
  for (const _n of ns) sub += cell("| app") + cell("floor") + cell("app/floor");
  lines.push(sub);
  lines.push("-".repeat(width + ns.length * col * 3));
  for (const [label, get, ratio] of rows) {
    let line = label.padEnd(width);
    for (const n of ns) {
      const app = find("app", n);
      const floor = find("floor", n);
      const a = app ? get(app) : null;
      const f = floor ? get(floor) : null;
      const show = (v: number | string | null) => (typeof v === "number" ? num(v) : (v ?? "n/a"));
      const r = ratio && typeof a === "number" && typeof f === "number" && f !== 0 ? `${num(a / f, 2)}x` : "";
      line += cell(`| ${show(a)}`) + cell(show(f)) + cell(r);
    }
    lines.push(line);
  }
  lines.push("");
  for (const r of reports) {
    for (const phase of [r.steady, r.burst]) {
      lines.push(
        `  ${r.kind} N=${int(r.n)} ${phase.name}: ${phase.cpu.database === null ? "" : `PostgreSQL ${num(phase.cpu.database, 0)}%, `}sandbox ${num(phase.cpu.sandbox, 0)}%, load generator ${num(phase.cpu.loadgen, 0)}%, ` +
          `orchestrator ${num(phase.cpu.bench, 0)}%, other jobs on the host ${num(phase.cpu.others, 0)}% of a core (host ${num(phase.cpu.host, 0)}% busy); ` +
          `drain ${num(phase.drainMs / 1000)} s; decisions failed ${phase.failedDecisions}${
            phase.failedDecisions
              ? ` (${Object.entries(phase.failureReasons)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(", ")})`
              : ""
          }, posted up to ${num(phase.maxLateMs)} ms late; ` +
          `mismatched ${phase.result.mismatched}, extra ${phase.result.extra}, duplicates ${phase.result.duplicates}; ` +
          `loop max: server ${num(phase.loop.max, 0)}, load generator ${num(phase.loadgenLoop.max, 0)}, sandbox ${num(phase.sandboxLoop.max, 0)} ms` +
          (phase.healthLoopP99 !== null
            ? `; /api/health eventLoopDelayMs.p99 ${num(phase.healthLoopP99)}`
            : ""),
      );
    }
  }

  for (const r of reports) {
    if (!r.slow) continue;
    const { stalled, slow, reader, backlog } = r.slow;
    const history = (h: HistoryReply) =>
      `${int(h.received)}/${int(backlog)} events (missing ${int(h.missing)}${h.inOrder ? "" : ", OUT OF ORDER"}) over ${h.attempts} request(s), ${h.opens} answered` +
      (h.resumedFrom.some((id) => id !== null)
        ? `, resumed with Last-Event-ID ${h.resumedFrom.filter((id) => id !== null).join(", ")}`
        : "");
    lines.push("");
    lines.push(
      `Slow consumers, app N=${int(r.n)} (burst in thirds; backlog user: ${int(backlog)} stored events, ~${num((backlog * 125) / 1024 / 1024)} MB):`,
    );
    lines.push(
      `  stalled tab of a measured user, not reading for ${num(stalled.pausedSeconds)} s: ${stalled.dropped ? "dropped, came back" : "not dropped (its events fit in the socket buffers)"}; ` +
        `after resuming it had ${stalled.received}/${stalled.reference} of its user's events, missing ${stalled.missing}.`,
    );
    lines.push(
      `  slow client (backlog user, no Last-Event-ID, stops reading at once): ` +
        `${slow.droppedAfterMs === null ? "not seen dropped" : `let go by the app ${num(slow.droppedAfterMs / 1000)} s after connecting`}; ` +
        `after resuming: ${history(slow.history)}${slow.caughtUpMs === null ? "; NOT complete within 10 s" : `; complete ${num(slow.caughtUpMs / 1000)} s after resuming`}.`,
    );
    lines.push(
      `  reading client of the backlog user (after the burst): ${history(reader.history)}` +
        `${reader.caughtUpMs === null ? "; NOT complete within 10 s" : `; complete in ${num(reader.caughtUpMs / 1000)} s`}.`,
    );
    const [none, stalledOnly, both] = r.slow.thirdsP99;
    lines.push(
      `  others' burst p99 by third: ${num(none)} ms (nobody slow), ${num(stalledOnly)} ms (stalled tab, ${signed(stalledOnly / none - 1)}), ` +
        `${num(both)} ms (stalled tab + slow backlog client, ${signed(both / none - 1)}).`,
    );
  }
  for (const r of reports) {
    if (!r.restart) continue;
    const x = r.restart;
    lines.push("");
    lines.push(
      `Restart, app N=${int(r.n)} (SIGTERM with ${int(x.clients)} streams open, same port and DATA_DIR):`,
    );
    lines.push(
      `  old process gone after ${num(x.downMs / 1000)} s; ` +
        (x.allBackMs === null
          ? `only ${int(x.backWithin)}/${int(x.clients)} back within 90 s.`
          : `all ${int(x.clients)} clients back ${num(x.allBackMs / 1000)} s after the SIGTERM (${num((x.allBackAfterFirstMs ?? 0) / 1000)} s after the first one).`),
    );
    lines.push(
      `  listen-queue overflows (SYNs dropped by the kernel) from the SIGTERM until then: ${int(x.listenOverflows)}.`,
    );
    lines.push(
      `  ${x.eventsWhileDown} events while down (via reconciliation + Last-Event-ID) and ${x.eventsAfter} after: ` +
        `${int(x.consistency.complete)}/${int(x.consistency.clients)} clients got exactly their user's events; ` +
        `missing ${x.consistency.missingEvents}, extra ${x.consistency.extraEvents}, differing ${x.consistency.differing}.`,
    );
  }

  const disturbed = reports.flatMap((r) =>
    [r.steady, r.burst]
      .filter((phase) => phase.cpu.others > 25)
      .map((phase) => `${r.kind} N=${int(r.n)} ${phase.name} (${num(phase.cpu.others, 0)}%)`),
  );
  if (disturbed.length > 0) {
    lines.push("");
    lines.push(
      `WARNING: other jobs on this host used more than a quarter of a core during ${disturbed.join(", ")}: ` +
        "those figures include their interference; rerun on a quiet machine before comparing.",
    );
  }
  lines.push(...verdicts(reports));
  lines.push("");
  lines.push(`Run time ${num(elapsedMs / 60_000)} min.`);
  lines.push(benchLine(reports));
  return lines;
}

function verdicts(reports: TargetReport[]): string[] {
  const n = Math.max(...reports.map((r) => r.n));
  const app = reports.find((r) => r.kind === "app" && r.n === n);
  const floor = reports.find((r) => r.kind === "floor" && r.n === n);
  const lines = ["", `Targets at N=${int(n)}${n === 10_000 ? "" : " (the targets are set for N=10,000)"}:`];
  if (!app) return [...lines, "  (app not measured)"];
  // A verdict that rests on a phase other jobs disturbed says so instead of passing or failing quietly.
  const disturbed = [app, floor].some((r) => r && (r.steady.cpu.others > 25 || r.burst.cpu.others > 25));
  const mark = (ok: boolean | null) =>
    ok === null ? "n/a     " : `${ok ? "MET" : "NOT MET"}${disturbed ? "?" : ""}`.padEnd(9);
  if (disturbed) lines.push("  (? = measured while other jobs loaded the host: see the WARNING above)");
  const everyEvent =
    app.steady.result.delivered === app.steady.result.expected &&
    app.burst.result.delivered === app.burst.result.expected &&
    app.steady.result.mismatched + app.burst.result.mismatched === 0 &&
    (!app.slow || app.slow.stalled.missing === 0) &&
    (!app.restart ||
      (app.restart.consistency.missingEvents === 0 &&
        app.restart.consistency.complete === app.restart.consistency.clients));
  lines.push(
    `  ${mark(everyEvent)} every event delivered to every client (steady ${app.steady.result.delivered}/${app.steady.result.expected}, ` +
      `burst ${app.burst.result.delivered}/${app.burst.result.expected}${app.slow ? `, stalled tab missing ${app.slow.stalled.missing}` : ""}` +
      `${app.restart ? `, restart missing ${app.restart.consistency.missingEvents}` : ""})`,
  );
  const rss = perConn(app, app.memIdle.rssKb);
  const floorRss = floor ? perConn(floor, floor.memIdle.rssKb) : null;
  lines.push(
    `  ${mark(floorRss === null ? null : rss <= 2 * floorRss)} RSS per connection <= 2x floor (${num(rss)} vs ${num(floorRss)} KB)`,
  );
  const burstP99 = app.burst.result.latency.p99;
  const floorBurst = floor?.burst.result.latency.p99 ?? null;
  lines.push(
    `  ${mark(floorBurst === null ? null : burstP99 <= 2 * floorBurst)} burst p99 <= 2x floor (${num(burstP99)} vs ${num(floorBurst)} ms)`,
  );
  lines.push(`  ${mark(burstP99 < 100)} burst p99 < 100 ms (${num(burstP99)} ms)`);
  lines.push(
    `  ${mark(app.steady.result.latency.p99 < 50)} steady p99 < 50 ms (${num(app.steady.result.latency.p99)} ms)`,
  );
  if (app.slow) {
    const { slow, stalled, reader } = app.slow;
    const [none, stalledOnly, both] = app.slow.thirdsP99;
    const raise = Math.max(stalledOnly, both) / none - 1;
    lines.push(
      `  ${mark(slow.history.missing === 0 && stalled.missing === 0 && reader.history.missing === 0)} clients that stop reading are bounded and come back missing nothing ` +
        `(stalled tab missing ${stalled.missing}; slow client missing ${int(slow.history.missing)}/${int(app.slow.backlog)}; reading client of the same history missing ${int(reader.history.missing)})`,
    );
    lines.push(
      `  ${mark(raise <= 0.2)} slow consumers raise the others' p99 by <= 20% (stalled tab ${signed(stalledOnly / none - 1)}, with the slow backlog client ${signed(both / none - 1)})`,
    );
  }
  if (app.restart) {
    const back = app.restart.allBackMs;
    lines.push(
      `  ${mark(back !== null && back <= 30_000)} restart: all clients back within 30 s (${back === null ? "not within 90 s" : `${num(back / 1000)} s`})`,
    );
  }
  return lines;
}

export function benchLine(reports: TargetReport[]): string {
  const n = Math.max(...reports.map((r) => r.n));
  const app = reports.find((r) => r.kind === "app" && r.n === n);
  const floor = reports.find((r) => r.kind === "floor" && r.n === n);
  const delivered = app
    ? `${app.steady.result.delivered + app.burst.result.delivered}/${app.steady.result.expected + app.burst.result.expected}`
    : "n/a";
  return (
    `BENCH sse clients=${n} delivered=${delivered} steady_p99_ms=${num(app?.steady.result.latency.p99)} ` +
    `burst_p99_ms=${num(app?.burst.result.latency.p99)} floor_burst_p99_ms=${num(floor?.burst.result.latency.p99)} ` +
    `rss_kb_per_conn=${num(app ? perConn(app, app.memIdle.rssKb) : null)} floor_rss_kb_per_conn=${num(floor ? perConn(floor, floor.memIdle.rssKb) : null)}`
  );
}
