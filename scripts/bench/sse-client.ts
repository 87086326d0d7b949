/**
 * One Server-Sent Events client as a browser's EventSource behaves: a GET with the session
 * cookie, a minimal parser (`retry:`, `id:`, `event:`, `data:`, comments), and on any end of the
 * stream a reconnect after the server's `retry:` with `Last-Event-ID` (after a non-200 answer, a
 * new request after 1-3 s, as components/hooks/use-event-stream.ts does).
 */
import http from "node:http";
import { monoMs } from "./clock";
import type { ClientSpec } from "./loadgen-protocol";

export interface ReceivedEvent {
  id: number;
  status: string;
  /** The message's requirements as sent (`{email, sms}`), or null when it had none. */
  requirements: Record<string, unknown> | null;
}

export interface SseClientHooks {
  /** The first answer to the first request (open or failed), for connection pacing. */
  onFirstAnswer(client: SseClient): void;
  onEvent(client: SseClient, event: ReceivedEvent, at: number): void;
}

export class SseClient {
  state: "idle" | "connecting" | "open" | "waiting" | "closed" = "idle";
  lastId: number | null = null;
  retryMs = 3_000;
  opens = 0;
  /** Requests made (first connection and every reconnect). */
  attempts = 0;
  lastOpenAt = 0;
  lastCloseAt = 0;
  bytes = 0;
  duplicates = 0;
  readonly resumedFrom: Array<number | null> = [];
  private paused = false;
  private answered = false;
  private generation = 0;
  private request: http.ClientRequest | null = null;
  private response: http.IncomingMessage | null = null;
  private buffer = "";
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly port: number,
    private readonly path: string,
    private readonly agent: http.Agent,
    private readonly hooks: SseClientHooks,
  ) {
    this.paused = Boolean(spec.pauseOnOpen);
  }

  connect(): void {
    if (this.state === "closed") return;
    const generation = ++this.generation;
    this.attempts++;
    this.state = "connecting";
    this.buffer = "";
    const headers: Record<string, string> = {
      accept: "text/event-stream",
      "cache-control": "no-cache",
      cookie: `onboarding_session=${this.spec.cookie}`,
    };
    if (this.opens > 0 || this.lastId !== null) {
      this.resumedFrom.push(this.lastId);
      if (this.lastId !== null) headers["last-event-id"] = String(this.lastId);
    }
    const request = http.request({
      host: "127.0.0.1",
      port: this.port,
      path: this.path,
      agent: this.agent,
      headers,
    });
    this.request = request;
    request.on("response", (response) => {
      if (generation !== this.generation) return response.destroy();
      if (response.statusCode !== 200) {
        response.resume();
        this.firstAnswer();
        return this.ended(generation, 1_000 + Math.random() * 2_000);
      }
      this.response = response;
      this.state = "open";
      this.opens++;
      this.lastOpenAt = monoMs();
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => this.receive(chunk));
      response.on("end", () => this.ended(generation));
      response.on("close", () => this.ended(generation));
      response.on("error", () => this.ended(generation));
      if (this.paused) this.applyPause();
      this.firstAnswer();
    });
    request.on("error", () => {
      this.firstAnswer();
      this.ended(generation);
    });
    request.end();
  }

  pause(): void {
    this.paused = true;
    this.applyPause();
  }

  resume(): void {
    this.paused = false;
    this.response?.socket?.resume();
    this.response?.resume();
  }

  /** The connection breaks (a flaky network): it reconnects with Last-Event-ID, as after any end. */
  cut(): void {
    this.response?.destroy();
  }

  close(): void {
    this.state = "closed";
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.request?.destroy();
    this.response?.destroy();
  }

  private applyPause(): void {
    // Pausing the response alone keeps reading into its buffer; pausing the socket stops the reads.
    this.response?.pause();
    this.response?.socket?.pause();
  }

  private firstAnswer(): void {
    if (this.answered) return;
    this.answered = true;
    this.hooks.onFirstAnswer(this);
  }

  private ended(generation: number, delayMs = this.retryMs): void {
    if (generation !== this.generation || this.state === "closed") return;
    this.generation++;
    this.state = "waiting";
    this.lastCloseAt = monoMs();
    this.request?.destroy();
    this.response?.destroy();
    this.request = null;
    this.response = null;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delayMs);
  }

  private receive(chunk: string): void {
    const at = monoMs();
    this.bytes += chunk.length;
    const text = this.buffer + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf("\n\n", start);
      if (end === -1) break;
      this.block(text.slice(start, end), at);
      start = end + 2;
    }
    this.buffer = text.slice(start);
  }

  private block(block: string, at: number): void {
    let id: number | null = null;
    let data: string | null = null;
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "id") id = Number(value);
      else if (field === "data") data = data === null ? value : `${data}\n${value}`;
      else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = Number(value);
    }
    if (data === null || id === null || !Number.isFinite(id)) return;
    if (this.lastId !== null && id <= this.lastId) {
      this.duplicates++;
      return;
    }
    this.lastId = id;
    const { status, requirements } = JSON.parse(data) as { status?: unknown; requirements?: unknown };
    this.hooks.onEvent(
      this,
      {
        id,
        status: typeof status === "string" ? status : "",
        requirements: requirements && typeof requirements === "object" ? (requirements as Record<string, unknown>) : null,
      },
      at,
    );
  }
}
