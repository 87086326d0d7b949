/**
 * The restart experiment: SIGTERM the app with everyone connected, start it again, time until
 * every client is back, and check that nobody missed an event across it.
 */
import { monoMs, sleep } from "./clock";
import type { LoadGenerator } from "./loadgen-handle";
import type { ConsistencyReply } from "./loadgen-protocol";
import { listenOverflows } from "./proc-stats";
import type { SandboxDriver } from "./sandbox-driver";
import type { RunPlan } from "./scenario";
import { type BenchContext, type Server, startApp } from "./servers";

export interface RestartReport {
  clients: number;
  downMs: number;
  allBackMs: number | null;
  allBackAfterFirstMs: number | null;
  backWithin: number;
  eventsWhileDown: number;
  eventsAfter: number;
  /** Host-wide listen-queue overflows from the SIGTERM until everyone was back. */
  listenOverflows: number;
  consistency: ConsistencyReply;
}

/**
 * SIGTERM the app with every client connected, flip half the users while it is down (those
 * changes reach the app only through its start-up reconciliation), start it again on the same
 * port and DATA_DIR, time until every client has an open stream again, then send one event per
 * user and check that every client received exactly its user's events since the restart.
 */
export async function restartApp(
  ctx: BenchContext,
  server: Server,
  lg: LoadGenerator,
  driver: SandboxDriver,
  plan: RunPlan,
  rate: number,
): Promise<{ server: Server; report: RestartReport }> {
  await sleep(1_000);
  await lg.mark();
  const expected = plan.users.map(() => 0);
  const overflowsBefore = listenOverflows();
  const killedAt = monoMs();
  await ctx.group.stop(server.child);
  const downAt = monoMs();
  let eventsWhileDown = 0;
  for (let user = 0; user < plan.users.length; user += 2) {
    if (await driver.flip(plan.users[user] ?? "")) {
      expected[user] = (expected[user] ?? 0) + 1;
      eventsWhileDown++;
    }
  }
  const restarted = await startApp(ctx);

  let allBackAt: number | null = null;
  let firstBackAt: number | null = null;
  let total = 0;
  let backWithin = 0;
  const deadline = killedAt + 90_000;
  while (monoMs() < deadline) {
    const state = await lg.reconnected(killedAt);
    total = state.total;
    backWithin = state.reopened;
    firstBackAt = state.firstReopenAt;
    if (state.reopened === state.total) {
      allBackAt = state.lastReopenAt;
      break;
    }
    await sleep(200);
  }

  const overflows = listenOverflows() - overflowsBefore;
  const drive = await driver.drive(plan.users, rate, plan.users.length / rate);
  drive.decisions.forEach((d, user) => (expected[user] = (expected[user] ?? 0) + d.sendTimes.length));
  const want = expected.reduce((sum, count, user) => sum + count * (plan.clientsOf[user] ?? 0), 0);
  const drainDeadline = monoMs() + 20_000;
  while (monoMs() < drainDeadline && (await lg.count()).received < want) await sleep(200);
  const consistency = await lg.consistency(expected);
  return {
    server: restarted,
    report: {
      clients: total,
      downMs: downAt - killedAt,
      allBackMs: allBackAt === null ? null : allBackAt - killedAt,
      allBackAfterFirstMs: allBackAt === null || firstBackAt === null ? null : allBackAt - firstBackAt,
      backWithin,
      eventsWhileDown,
      eventsAfter: drive.sent,
      listenOverflows: overflows,
      consistency,
    },
  };
}
