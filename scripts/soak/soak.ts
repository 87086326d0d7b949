/**
 * `npm run soak`: registrations through the wizard's server actions while sFOX misbehaves, then
 * a check that nothing was lost, doubled or left behind.
 *
 * - Starts its own sandbox (automatic review after 1 s) and the built app (scripts/app-server.ts,
 *   production, embedded PGlite in a temporary DATA_DIR) on free loopback ports, with the
 *   benchmarks' process handling (scripts/bench: every child stopped by pid on any ending).
 * - N applicants (default 200), at most `rate` new ones a second and `concurrency` at once, each
 *   with their own cookies, fill the wizard, submit, confirm their codes (person.ts) and hold
 *   their status stream open from registration on. Some get a decision from sFOX afterwards: every
 *   tenth is refused (UNSUPPORTED), every tenth is sent back to review (PENDING) and verified again.
 * - Meanwhile: a share of sFOX REST calls fail with 500/503/429 and the upstream WebSocket is
 *   dropped every few seconds and kept down for a moment (chaos.ts); a random stream is cut every few seconds; the app is
 *   stopped (SIGTERM) and started again on the same port and DATA_DIR `restarts` times.
 * - Then the faults stop, everything may settle, the app is stopped and its database read
 *   (read-database.ts), and invariants.ts compares it with sFOX's users and every stream.
 * - Prints the counts; the last line is `SOAK registrations=... mismatches=...`; exits 1 when
 *   anything is wrong (the work dir with every log is kept then).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { BenchRun } from "../bench/bench-run";
import { monoMs, sleep } from "../bench/clock";
import { ensureBuild } from "../bench/ensure-build";
import { OptionsError } from "../bench/options";
import { tailOf } from "../bench/processes";
import { type BenchContext, appHealth, newBenchContext, startApp, startSandbox } from "../bench/servers";
import { applicant } from "./applicants";
import { Chaos } from "./chaos";
import { type Mismatch, type Outcome, type SandboxUser, checkSoak } from "./invariants";
import { USAGE, parseSoakOptions, type SoakOptions } from "./options";
import { Person } from "./person";
import type { StoredData } from "./read-database";
import { readActionIds } from "./server-actions";

const root = path.resolve(import.meta.dirname, "..", "..");
const run = new BenchRun("soak");
const REVIEW_MS = 1_000;

type Decision = { afterMs: number; status: "VERIFIED" | "UNSUPPORTED" | "PENDING" };

/** What sFOX decides about an applicant once their codes are confirmed. */
function decisionsFor(index: number): Decision[] {
  if (index % 10 === 2) return [{ afterMs: 0, status: "UNSUPPORTED" }];
  if (index % 10 === 6) {
    return [
      { afterMs: REVIEW_MS * 2.5, status: "PENDING" },
      { afterMs: REVIEW_MS * 1.5, status: "VERIFIED" },
    ];
  }
  return [];
}

async function main(): Promise<void> {
  let options: SoakOptions;
  try {
    options = parseSoakOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    if (error.message) console.error(`soak: ${error.message}`);
    console.error(USAGE);
    process.exit(error.message ? 2 : 0);
  }
  const startedAt = monoMs();
  await ensureBuild(root, console.log, "soak");
  const { workDir, logDir, group } = run.workspace("soak", root, options.keep);
  const ctx = await newBenchContext({ root, group, workDir, logDir });
  const sandboxOrigin = `http://127.0.0.1:${ctx.sandboxPort}`;
  console.log(
    `soak: ${options.registrations} registrations, ${options.rate}/s at most, ${options.concurrency} at once; ` +
      `${Math.round(options.faultRate * 100)}% of sFOX REST calls fail, the feed drops every ~${options.dropEvery} s for ${options.feedDown} s, ` +
      `${options.restarts} restart(s); work dir ${workDir}`,
  );
  await startSandbox(ctx, { SANDBOX_AUTO_REVIEW: "true", SANDBOX_REVIEW_MS: String(REVIEW_MS) });
  let app = await startApp(ctx);
  console.log(`  sandbox on ${ctx.sandboxPort}, app on ${ctx.appPort} (${seconds(startedAt)} s to start)`);

  const streamAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const env = {
    appOrigin: `http://127.0.0.1:${ctx.appPort}`,
    appPort: ctx.appPort,
    sandboxOrigin,
    actionIds: readActionIds(root),
    streamAgent,
  };
  const runId = randomBytes(3).toString("hex");
  const people = Array.from({ length: options.registrations }, (_, index) => new Person(applicant(index, runId), env));
  run.onFinish(async () => people.forEach((person) => person.close()));
  const chaos = new Chaos(sandboxOrigin, options.faultRate, options.dropEvery * 1_000, Math.round(options.feedDown * 1_000));
  await chaos.start();

  // The load: applicants at a bounded rate and concurrency, restarts spread over them, stream cuts.
  const loadStartedAt = monoMs();
  let cuts = 0;
  let cutting = options.cutEvery > 0;
  const cutter = (async () => {
    while (cutting) {
      await sleep(options.cutEvery * 1_000 * (0.5 + Math.random()));
      const open = people.filter((person) => person.stream?.state === "open");
      const victim = open[Math.floor(Math.random() * open.length)];
      if (cutting && victim) {
        victim.stream?.cut();
        cuts++;
      }
    }
  })();
  const restartAfter = new Set(
    Array.from({ length: options.restarts }, (_, k) => Math.floor((options.registrations * (k + 1)) / (options.restarts + 1))),
  );
  const downtimes: number[] = [];
  let restarting: Promise<void> = Promise.resolve();
  const restart = async () => {
    const stoppedAt = monoMs();
    await group.stop(app.child);
    app = await startApp(ctx);
    downtimes.push((monoMs() - stoppedAt) / 1000);
  };
  const running = new Set<Promise<void>>();
  for (const [index, person] of people.entries()) {
    while (running.size >= options.concurrency) await Promise.race(running);
    const journey: Promise<void> = person
      .run()
      .then(() => (person.finishedAt ? decide(sandboxOrigin, person) : undefined))
      .finally(() => running.delete(journey));
    running.add(journey);
    if (restartAfter.has(index + 1)) restarting = restarting.then(restart);
    if ((index + 1) % 25 === 0) console.log(`  ${index + 1} applicants started (${seconds(loadStartedAt)} s)`);
    await sleep(1_000 / options.rate);
  }
  await Promise.all(running);
  await restarting;
  cutting = false;
  await cutter;
  const loadSeconds = seconds(loadStartedAt);
  await chaos.stop();
  const faultStats = await chaos.stats();

  // Settle: sFOX's last automatic reviews, then until every stream shows sFOX's state (or time is up).
  const settleStartedAt = monoMs();
  await sleep(REVIEW_MS + 1_000);
  let sandboxUsers = await listSandboxUsers(ctx);
  while (!allStreamsAgree(people, sandboxUsers) && seconds(settleStartedAt) < options.settleSeconds) {
    await sleep(1_000);
    sandboxUsers = await listSandboxUsers(ctx);
  }
  const settleSeconds = seconds(settleStartedAt);
  const health = await appHealth(app).catch(() => null);
  people.forEach((person) => person.close());
  streamAgent.destroy();
  await group.stop(app.child);
  const stored = await readStoredData(ctx);

  const outcomes: Outcome[] = people.map((person) => ({
    email: person.applicant.email,
    expectedStatus: decisionsFor(person.applicant.index).at(-1)?.status ?? "VERIFIED",
    failure: person.failure,
    received: person.received,
    duplicates: person.stream?.duplicates ?? 0,
  }));
  const mine = new Set(people.map((person) => person.applicant.email));
  const mismatches = checkSoak(outcomes, sandboxUsers.filter((user) => mine.has(user.email)), stored);

  const sum = (count: (person: Person) => number) => people.reduce((total, person) => total + count(person), 0);
  const failed = faultStats.failed["500"] + faultStats.failed["503"] + faultStats.failed["429"];
  const streams = people.filter((person) => person.stream);
  const counts = {
    registrations: people.filter((person) => person.registered).length,
    retries: sum((person) => person.tryAgain + person.noAnswer),
    faults: failed,
    ws_drops: chaos.drops,
    restarts: downtimes.length,
    events: stored.events.length,
    streams: streams.length,
    resumes: sum((person) => person.stream?.resumedFrom.filter((id) => id !== null).length ?? 0),
    mismatches: mismatches.length,
    seconds: Math.round(seconds(startedAt)),
  };
  const individuals = people.filter((person) => person.applicant.accountType === "individual").length;
  const finalStatuses = countBy(sandboxUsers.filter((user) => mine.has(user.email)).map((user) => user.status));
  console.log(`
soak: ${counts.registrations} of ${people.length} applicants registered (${individuals} individuals, ${people.length - individuals} corporations); load ${loadSeconds} s, settled in ${settleSeconds} s, ${counts.seconds} s in all
  applicants: ${people.filter((person) => person.finishedAt).length} verified their codes; retries: ${sum((person) => person.tryAgain)} after "try again", ${sum((person) => person.noAnswer)} after no answer; sent back to a step ${sum((person) => person.sentBack)}, wrong or expired codes ${sum((person) => person.codeProblems)}
  sFOX: ${faultStats.rest_calls} REST calls, ${failed} failed by injection (${percent(failed, faultStats.rest_calls)}; 500: ${faultStats.failed["500"]}, 503: ${faultStats.failed["503"]}, 429: ${faultStats.failed["429"]}); WebSocket dropped ${chaos.drops} times; final statuses ${JSON.stringify(finalStatuses)}
  app: ${counts.restarts} restart(s) (SIGTERM to ready again: ${downtimes.map((s) => `${s.toFixed(1)} s`).join(", ") || "-"}); ${stored.users.length} users and ${counts.events} events stored; reconciliations since the last start: ${health?.reconciliation?.runs ?? "?"}
  streams: ${counts.streams}, ${sum((person) => person.received.length)} events delivered, ${sum((person) => person.stream?.resumedFrom.length ?? 0)} reconnects (${counts.resumes} with Last-Event-ID), ${cuts} cut on purpose, ${sum((person) => person.stream?.duplicates ?? 0)} ids seen twice or out of order
  mismatches: ${counts.mismatches}${mismatches.length ? `\n${describeMismatches(mismatches)}` : ""}`);
  const line = `SOAK ${Object.entries(counts).map(([key, value]) => `${key}=${value}`).join(" ")}`;
  await run.finish(mismatches.length === 0 ? 0 : 1, () => console.log(line));
}

/** sFOX's decisions about a person who confirmed their codes, through the sandbox's control API. */
async function decide(sandboxOrigin: string, person: Person): Promise<void> {
  for (const { afterMs, status } of decisionsFor(person.applicant.index)) {
    await sleep(afterMs);
    const response = await fetch(`${sandboxOrigin}/_sandbox/users/${person.sfoxUserId}/decision`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status }),
    });
    if (!response.ok) throw new Error(`decision for ${person.sfoxUserId}: ${response.status} ${await response.text()}`);
  }
}

async function listSandboxUsers(ctx: BenchContext): Promise<SandboxUser[]> {
  const response = await fetch(`http://127.0.0.1:${ctx.sandboxPort}/v1/enterprise/users`, {
    headers: { authorization: `Bearer ${ctx.apiKey}` },
  });
  if (!response.ok) throw new Error(`GET /v1/enterprise/users: ${response.status}`);
  return ((await response.json()) as { data: SandboxUser[] }).data;
}

function allStreamsAgree(people: readonly Person[], users: readonly SandboxUser[]): boolean {
  const byEmail = new Map(users.map((user) => [user.email, user]));
  return people.every((person) => {
    if (!person.registered) return true;
    const user = byEmail.get(person.applicant.email);
    const last = person.received.at(-1);
    return (
      user !== undefined &&
      last !== undefined &&
      last.status === user.status.toLowerCase() &&
      Boolean(last.requirements?.email) === user.requirements.email &&
      Boolean(last.requirements?.sms) === user.requirements.sms
    );
  });
}

async function readStoredData(ctx: BenchContext): Promise<StoredData> {
  const output = path.join(ctx.logDir, "stored.json");
  const child = ctx.group.spawnNode("read-database", path.join(import.meta.dirname, "read-database.ts"), {
    args: [ctx.dataDir, output],
    env: { ...ctx.baseEnv, NODE_ENV: "production" },
    nodeFlags: ["--conditions=react-server"],
    oneShot: true,
  });
  if ((await child.exited) !== 0) throw new Error(`reading the app's database failed:\n${tailOf(child.logFile)}`);
  return JSON.parse(fs.readFileSync(output, "utf8")) as StoredData;
}

function describeMismatches(mismatches: readonly Mismatch[]): string {
  const byRule = new Map<string, Mismatch[]>();
  for (const mismatch of mismatches) byRule.set(mismatch.rule, [...(byRule.get(mismatch.rule) ?? []), mismatch]);
  return [...byRule]
    .map(([rule, list]) => `    ${rule}: ${list.length}\n${list.slice(0, 5).map((m) => `      ${m.detail}`).join("\n")}`)
    .join("\n");
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const seconds = (since: number) => Math.round((monoMs() - since) / 100) / 10;
const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : "0.0"}%`;

main().catch((error: unknown) => void run.fail(error));
