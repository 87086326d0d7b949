/**
 * The soak's faults, through the sandbox's control API: a share of sFOX REST calls answered with
 * 500, 503 or 429 (standing faults with a rate, a third each), and the upstream WebSocket dropped
 * every few seconds (at random between half and one and a half times the period), each time with
 * an outage: the sandbox refuses new connections for `downMs`.
 */
import { sleep } from "../bench/clock";

export interface FaultStats {
  rest_calls: number;
  failed: Record<"500" | "503" | "429", number>;
}

export class Chaos {
  /** Drops that closed at least one socket (the app's feed was connected). */
  drops = 0;
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly sandboxOrigin: string,
    private readonly faultRate: number,
    private readonly dropEveryMs: number,
    private readonly downMs: number,
  ) {}

  async start(): Promise<void> {
    if (this.faultRate > 0) {
      for (const status of [500, 503, 429]) {
        await this.control("POST", { rest: { status, rate: this.faultRate / 3, path_prefix: "/v1/" } });
      }
    }
    this.running = true;
    if (this.dropEveryMs > 0) this.loop = this.dropLoop();
  }

  /** Clears the faults and stops dropping; resolves once no drop is under way. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.control("DELETE");
  }

  async stats(): Promise<FaultStats> {
    return ((await this.control("GET")) as { stats: FaultStats }).stats;
  }

  private async dropLoop(): Promise<void> {
    while (this.running) {
      await sleep(this.dropEveryMs * (0.5 + Math.random()));
      if (!this.running) return;
      const answer = (await this.control("POST", { ws: "drop", down_ms: this.downMs })) as { ws_dropped: number };
      if (answer.ws_dropped > 0) this.drops++;
    }
  }

  private async control(method: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.sandboxOrigin}/_sandbox/faults`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /_sandbox/faults: ${response.status} ${await response.text()}`);
    return response.json();
  }
}
