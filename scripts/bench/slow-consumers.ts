/**
 * The slow-consumer experiment inside the app's burst: a tab that stops reading, and a client
 * that connects to a user with a long stored history and never reads; then whether both come
 * back with every event, and what they cost the others.
 */
import { monoMs, sleep } from "./clock";
import type { LoadGenerator } from "./loadgen-handle";
import type { HistoryReply } from "./loadgen-protocol";
import type { PhaseReport, RunPlan } from "./scenario";
import { type Server, openStreams } from "./servers";

/** Client specs use this user index for the backlog user (not one of the measured users). */
export const BACKLOG_USER = -1;

export interface SlowReport {
  /** Stored events of the backlog user (ids 1..backlog). */
  backlog: number;
  /** The stalled client: a measured user's tab that stops reading for the last two thirds of the burst. */
  stalled: { pausedSeconds: number; dropped: boolean; received: number; reference: number; missing: number };
  /** The slow client: connects to the backlog user in the last third and stops reading at once. */
  slow: {
    droppedAfterMs: number | null;
    history: HistoryReply;
    caughtUpMs: number | null;
  };
  /** A client of the backlog user that reads normally (after the burst): does the history reach it? */
  reader: { history: HistoryReply; caughtUpMs: number | null };
  /** Others' burst p99 per third: nobody slow / stalled tab / stalled tab + slow backlog client. */
  thirdsP99: [number, number, number];
}

export interface SlowTimeline {
  connectedAt: number;
  droppedAt: number | null;
  pausedAt: number;
}

/**
 * The burst in thirds: in the first nobody is slow; from the second on, `stalled` (a tab of a
 * measured user) stops reading; in the last, `slow` also connects to the backlog user with no
 * Last-Event-ID (so the app replays the whole stored history to it) and stops reading as soon as
 * its response starts. The app's stream count, polled every 500 ms through the whole burst (all
 * thirds alike), shows when the app lets go of the slow client.
 */
export async function slowConsumer(
  server: Server,
  lg: LoadGenerator,
  start: number,
  seconds: number,
  plan: RunPlan,
): Promise<SlowTimeline> {
  const third = (seconds * 1000) / 3;
  const end = start + seconds * 1000;
  let baseline = 0;
  const pollUntil = async (until: number) => {
    while (monoMs() < until) {
      baseline = await openStreams(server).catch(() => baseline);
      await sleep(Math.min(500, Math.max(0, until - monoMs())));
    }
  };
  await pollUntil(start + third);
  const pausedAt = monoMs();
  await lg.pause(["stalled"]);
  await pollUntil(start + 2 * third);
  await lg.connect(
    server.port,
    [{ key: "slow", user: BACKLOG_USER, cookie: plan.backlogCookie, role: "slow", pauseOnOpen: true }],
    1,
    false,
  );
  const connectedAt = monoMs();
  let droppedAt: number | null = null;
  while (monoMs() < end + 2_000) {
    const [streams, info] = await Promise.all([openStreams(server).catch(() => -1), lg.clients(["slow"])]);
    const slow = info[0];
    // Answered then no longer counted, or refused before any answer: either way the app let go of it.
    const letGo =
      slow &&
      ((slow.opens > 0 && streams >= 0 && streams <= baseline) || (slow.opens === 0 && slow.attempts > 1));
    if (droppedAt === null && letGo) droppedAt = monoMs();
    await sleep(500);
  }
  return { connectedAt, droppedAt, pausedAt };
}

/**
 * After the burst: both slow consumers read again; the slow one must end with the backlog user's
 * whole history (ids 1..backlog, resuming by Last-Event-ID if it was dropped), the stalled one with
 * what its user's reading tab got. A third client reads the backlog user's history normally, to
 * tell "dropped because it stopped reading" from "dropped anyway".
 */
export async function resolveSlowConsumers(
  server: Server,
  lg: LoadGenerator,
  timeline: SlowTimeline,
  plan: RunPlan,
  burst: PhaseReport,
): Promise<SlowReport> {
  const resumedAt = monoMs();
  await lg.resume(["stalled", "slow"]);
  await lg.connect(
    server.port,
    [{ key: "reader", user: BACKLOG_USER, cookie: plan.backlogCookie, role: "witness" }],
    1,
    false,
  );
  let slowDone: number | null = null;
  let readerDone: number | null = null;
  const deadline = monoMs() + 10_000;
  while (monoMs() < deadline && (slowDone === null || readerDone === null)) {
    const [slow, reader] = await Promise.all([
      lg.history("slow", plan.backlog),
      lg.history("reader", plan.backlog),
    ]);
    if (slowDone === null && slow.missing === 0) slowDone = monoMs() - resumedAt;
    if (readerDone === null && reader.missing === 0) readerDone = monoMs() - resumedAt;
    await sleep(250);
  }
  const [slow, reader] = await Promise.all([
    lg.history("slow", plan.backlog),
    lg.history("reader", plan.backlog),
  ]);
  const [stalledInfo] = await lg.clients(["stalled"]);
  const stalledVsReference = await lg.compare("stalled", "reference");
  await lg.disconnect(["slow", "reader"]);
  return {
    backlog: plan.backlog,
    stalled: {
      pausedSeconds: (resumedAt - timeline.pausedAt) / 1000,
      dropped: (stalledInfo?.opens ?? 0) > 1,
      received: stalledVsReference.countA,
      reference: stalledVsReference.countB,
      missing: stalledVsReference.missingInA,
    },
    slow: {
      droppedAfterMs: timeline.droppedAt === null ? null : timeline.droppedAt - timeline.connectedAt,
      history: slow,
      caughtUpMs: slowDone,
    },
    reader: { history: reader, caughtUpMs: readerDone },
    thirdsP99: [0, 1, 2].map((i) => burst.result.windows[i]?.latency.p99 ?? Number.NaN) as [
      number,
      number,
      number,
    ],
  };
}
