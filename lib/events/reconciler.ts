import "server-only";

export interface ReconcilerHealth {
  running: boolean;
  runs: number;
  lastRunAt: string | null;
  lastError: string | null;
}

/**
 * Runs reconciliations one at a time and spaces them out: requests during a run or within
 * `minIntervalMs` of the last start collapse into one later run. A flapping upstream therefore
 * costs at most one list call per interval, well inside sFOX's 250 requests per 10 s.
 */
export class Reconciler {
  private running: Promise<void> | null = null;
  private pending = false;
  private timer: NodeJS.Timeout | null = null;
  private lastStart = 0;
  private runs = 0;
  private lastRunAt: Date | null = null;
  private lastError: string | null = null;
  private stopped = false;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly minIntervalMs = 5_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  request(): void {
    if (this.stopped) return;
    if (this.running || this.timer) {
      this.pending = true;
      return;
    }
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    if (wait > 0) this.schedule(wait);
    else void this.start();
  }

  /** Resolves when no reconciliation is running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  health(): ReconcilerHealth {
    return { running: this.running !== null, runs: this.runs, lastRunAt: this.lastRunAt?.toISOString() ?? null, lastError: this.lastError };
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.start();
    }, delayMs);
  }

  private async start(): Promise<void> {
    this.pending = false;
    this.lastStart = Date.now();
    this.running = this.run().then(
      () => {
        this.lastError = null;
      },
      (error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.onError(error);
        // A failed run leaves the state unconverged: try again after the interval.
        this.pending = true;
      },
    );
    await this.running;
    this.runs++;
    this.lastRunAt = new Date();
    this.running = null;
    if (this.pending && !this.stopped) this.schedule(Math.max(0, this.lastStart + this.minIntervalMs - Date.now()));
  }
}
