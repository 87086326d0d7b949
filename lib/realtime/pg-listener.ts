import "server-only";
import type { Logger } from "@/lib/log";
import { connectionLost, Pause, type ConnectDedicated } from "./pg-connection";

export interface PgListenerOptions {
  connect: ConnectDedicated;
  channels: readonly string[];
  onNotification(channel: string, payload: string): void;
  /**
   * Called each time LISTEN is in place, first and after every reconnect: notifications sent
   * while the connection was down are gone, so this is where a listener catches up.
   */
  onListening(): void | Promise<void>;
  log: Logger;
  reconnectMs?: number;
}

/** One dedicated connection LISTENing on some channels, reconnecting whenever it is lost. */
export class PgListener {
  private stopped = false;
  private listening = false;
  private reconnects = 0;
  private readonly pause = new Pause();
  private running: Promise<void> | null = null;
  private endCurrent: (() => Promise<void>) | null = null;

  constructor(private readonly options: PgListenerOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wake();
    await this.endCurrent?.();
    await this.running;
  }

  health(): { listening: boolean; reconnects: number } {
    return { listening: this.listening, reconnects: this.reconnects };
  }

  private async run(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      try {
        const client = await this.options.connect("event log listener");
        this.endCurrent = () => client.end().catch(() => undefined);
        const lost = connectionLost(client);
        client.on("notification", ({ channel, payload }) => this.options.onNotification(channel, payload ?? ""));
        for (const channel of this.options.channels) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
        if (!first) this.reconnects++;
        first = false;
        this.listening = true;
        await this.options.onListening();
        const error = await lost;
        if (!this.stopped) this.options.log.warn("pg_listener_lost", { error: error.message });
      } catch (error) {
        if (!this.stopped)
          this.options.log.warn("pg_listener_error", {
            error: error instanceof Error ? error.message : String(error),
          });
      }
      this.listening = false;
      await this.endCurrent?.();
      this.endCurrent = null;
      if (!this.stopped) await this.pause.for(this.options.reconnectMs ?? 1_000);
    }
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
