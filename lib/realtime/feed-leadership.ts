import "server-only";
import type { Client } from "pg";
import type { Logger } from "@/lib/log";
import { connectionLost, Pause, type ConnectDedicated } from "./pg-connection";

// Any fixed number: the key of the session advisory lock whose holder subscribes to sFOX's feed.
const FEED_LEADER_LOCK = 0x5f0e_feed;

export type LeadershipRole = "candidate" | "leader" | "stopped";

export interface LeadershipHealth {
  role: LeadershipRole;
  since: string | null;
  elections: number;
}

export interface FeedLeadershipOptions {
  connect: ConnectDedicated;
  /** Becoming the leader: start the upstream subscription. */
  onElected(): void;
  /** No longer the leader: stop the upstream subscription before another instance may start one. */
  onDeposed(): Promise<void>;
  log: Logger;
  /** How often a candidate tries the lock. */
  retryMs?: number;
  /** How often the leader proves its connection (and so its lock) is still alive. */
  checkMs?: number;
}

/**
 * Several instances share one PostgreSQL; only one may hold sFOX's feed. The leader is whoever
 * holds a session advisory lock on a connection of its own: PostgreSQL releases it the moment that
 * connection goes (the process died, the network failed), and a candidate retrying every
 * `retryMs` takes over. A leader whose connection fails, or stops answering within `checkMs`,
 * steps down first, so two subscriptions overlap for at most that long.
 */
export class FeedLeadership {
  private role: LeadershipRole = "candidate";
  private since: Date | null = null;
  private elections = 0;
  private stopped = false;
  private readonly pause = new Pause();
  private running: Promise<void> | null = null;
  private client: Client | null = null;
  private readonly retryMs: number;
  private readonly checkMs: number;

  constructor(private readonly options: FeedLeadershipOptions) {
    this.retryMs = options.retryMs ?? 2_000;
    this.checkMs = options.checkMs ?? 5_000;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wake();
    // Ending the connection releases the lock (after the loop has stepped down) and ends any wait.
    await this.running;
    this.role = "stopped";
  }

  health(): LeadershipHealth {
    return { role: this.role, since: this.since?.toISOString() ?? null, elections: this.elections };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        this.client = await this.options.connect("feed leader");
        const lost = connectionLost(this.client);
        if (await this.waitForLock(this.client, lost)) {
          this.role = "leader";
          this.since = new Date();
          this.elections++;
          this.options.log.info("sfox_feed_leader_elected", { elections: this.elections });
          this.options.onElected();
          const reason = await this.holdUntilLost(this.client, lost);
          if (!this.stopped) this.options.log.warn("sfox_feed_leadership_lost", { reason });
        }
      } catch (error) {
        this.options.log.warn("sfox_feed_leadership_error", {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await this.stepDown();
      if (!this.stopped) await this.pause.for(this.retryMs);
    }
  }

  /** Tries the lock every `retryMs` until it is ours (true) or the connection goes (throws). */
  private async waitForLock(client: Client, lost: Promise<Error>): Promise<boolean> {
    while (!this.stopped) {
      const { rows } = await client.query<{ held: boolean }>("SELECT pg_try_advisory_lock($1) AS held", [FEED_LEADER_LOCK]);
      if (rows[0]?.held) return true;
      const outcome = await Promise.race([lost, this.pause.for(this.retryMs)]);
      if (outcome instanceof Error) throw outcome;
    }
    return false;
  }

  /** While leading, proves the connection every `checkMs`; answers why leadership ended. */
  private async holdUntilLost(client: Client, lost: Promise<Error>): Promise<string> {
    while (!this.stopped) {
      const outcome = await Promise.race([lost, this.pause.for(this.checkMs)]);
      if (outcome instanceof Error) return outcome.message;
      if (this.stopped) break;
      const answered = await Promise.race([
        client.query("SELECT 1").then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(resolve, this.checkMs, false).unref()),
      ]);
      if (!answered) return `the database did not answer within ${this.checkMs} ms`;
    }
    return "stopping";
  }

  private async stepDown(): Promise<void> {
    if (this.role === "leader") {
      this.role = "candidate";
      this.since = null;
      try {
        await this.options.onDeposed();
      } catch (error) {
        this.options.log.error("sfox_feed_step_down_failed", {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    // Only after the subscription has stopped may the lock go (ending the session releases it).
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
