import "server-only";
import WebSocket from "ws";
import type { Logger } from "@/lib/log";
import { parseFeedFrame, USERS_FEED, type FeedUserUpdate } from "./feed-messages";

export type FeedState = "idle" | "connecting" | "authenticating" | "subscribed" | "disconnected" | "auth_failed" | "stopped";

export interface FeedHealth {
  state: FeedState;
  connected: boolean;
  lastSequence: number | null;
  lastEventAt: string | null;
  reconnects: number;
  lastError: string | null;
}

/** The most feed updates written in one transaction. */
const MAX_BATCH = 100;

export interface FeedSubscriberOptions {
  url: string;
  apiKey: string;
  /**
   * Called in arrival order; the next call waits for the previous one. Updates that arrive while
   * one is being applied are handed over together (at most 100), so a burst is written in a few
   * transactions instead of one per event.
   */
  onUserUpdates(updates: ReadonlyArray<{ update: FeedUserUpdate; timestampNs: bigint }>): Promise<void>;
  /** Something may have been missed (a (re)connect, a sequence gap): compare with sFOX's list. */
  onResync(reason: "connected" | "sequence_gap"): void;
  log: Logger;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** After sFOX refuses the key: retry this slowly, it will not fix itself quickly. */
  authRetryMs?: number;
  random?: () => number;
}

/**
 * The one upstream subscription to sFOX's onboarding feed: authenticate, wait for the success
 * reply, subscribe; ping to detect a dead connection; reconnect with capped, fully jittered
 * exponential backoff; track the per-connection sequence and ask for a resync on any gap.
 */
export class FeedSubscriber {
  private socket: WebSocket | null = null;
  private state: FeedState = "idle";
  private lastSequence: number | null = null;
  private lastEventAt: Date | null = null;
  private reconnects = 0;
  private attempt = 0;
  private lastError: string | null = null;
  private authFailureLogged = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private pongTimer: NodeJS.Timeout | null = null;
  private applying: Promise<void> = Promise.resolve();
  private readonly waiting: Array<{ update: FeedUserUpdate; timestampNs: bigint }> = [];
  private readonly settings: Required<Omit<FeedSubscriberOptions, "onUserUpdates" | "onResync" | "log" | "url" | "apiKey">>;

  constructor(private readonly options: FeedSubscriberOptions) {
    this.settings = {
      pingIntervalMs: options.pingIntervalMs ?? 15_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 10_000,
      backoffBaseMs: options.backoffBaseMs ?? 250,
      backoffMaxMs: options.backoffMaxMs ?? 30_000,
      authRetryMs: options.authRetryMs ?? 60_000,
      random: options.random ?? Math.random,
    };
  }

  start(): void {
    if (this.state !== "idle" && this.state !== "stopped") return;
    this.connect();
  }

  /** Stops for good: closes the socket, clears every timer, waits for updates in flight. */
  async stop(): Promise<void> {
    this.state = "stopped";
    this.clearTimers();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.on("error", () => {});
    this.socket?.terminate();
    this.socket = null;
    await this.applying;
  }

  health(): FeedHealth {
    return {
      state: this.state,
      connected: this.state === "subscribed",
      lastSequence: this.lastSequence,
      lastEventAt: this.lastEventAt?.toISOString() ?? null,
      reconnects: this.reconnects,
      lastError: this.lastError,
    };
  }

  private connect(): void {
    this.state = "connecting";
    this.lastSequence = null;
    const socket = new WebSocket(this.options.url, { handshakeTimeout: 10_000 });
    this.socket = socket;

    socket.on("open", () => {
      this.state = "authenticating";
      socket.send(JSON.stringify({ type: "authenticate", apiKey: this.options.apiKey, enterprise: true }));
      this.startHeartbeat(socket);
    });
    socket.on("message", (data, isBinary) => {
      if (!isBinary) this.receive(socket, data.toString());
    });
    socket.on("pong", () => {
      if (this.pongTimer) clearTimeout(this.pongTimer);
      this.pongTimer = null;
    });
    socket.on("error", (error) => {
      this.lastError = error.message;
    });
    socket.on("close", () => this.onClosed(socket));
  }

  private receive(socket: WebSocket, text: string): void {
    let frame;
    try {
      frame = parseFeedFrame(text);
    } catch {
      this.options.log.warn("sfox_feed_unreadable_frame", { length: text.length });
      return;
    }
    this.trackSequence(frame.sequence);

    if (frame.kind === "reply" && frame.action === "authenticate") {
      if (frame.success) {
        this.authFailureLogged = false;
        socket.send(JSON.stringify({ type: "subscribe", feeds: [USERS_FEED] }));
      } else {
        this.state = "auth_failed";
        this.lastError = "sFOX refused the API key";
        if (!this.authFailureLogged) {
          this.options.log.error("sfox_feed_auth_failed", {
            message: `sFOX refused the API key on the WebSocket feed; retrying every ${Math.round(this.settings.authRetryMs / 1000)} s. Check SFOX_API_KEY.`,
          });
          this.authFailureLogged = true;
        }
        socket.close();
      }
      return;
    }
    if (frame.kind === "reply" && frame.action === "subscribe" && frame.success && frame.feeds.includes(USERS_FEED)) {
      this.state = "subscribed";
      this.attempt = 0;
      this.lastError = null;
      this.options.log.info("sfox_feed_subscribed", { reconnects: this.reconnects });
      this.options.onResync("connected");
      return;
    }
    if (frame.kind === "user") {
      this.lastEventAt = new Date();
      const { update, timestampNs } = frame;
      this.waiting.push({ update, timestampNs });
      // One link per frame, but a link finds everything that arrived meanwhile and takes it all;
      // the later links then find nothing left and cost nothing.
      this.applying = this.applying.then(() => this.applyWaiting());
    }
  }

  private async applyWaiting(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    try {
      await this.options.onUserUpdates(batch);
    } catch (error) {
      this.options.log.error("sfox_feed_update_failed", {
        userIds: batch.map(({ update }) => update.userId).join(","),
        error: String(error),
      });
      // The stored state may now lag sFOX's: a resync converges it.
      this.options.onResync("sequence_gap");
    }
  }

  private trackSequence(sequence: number | null): void {
    if (sequence === null) return;
    const expected = this.lastSequence === null ? null : this.lastSequence + 1;
    this.lastSequence = sequence;
    if (expected !== null && sequence !== expected && this.state === "subscribed") {
      this.options.log.warn("sfox_feed_sequence_gap", { expected, received: sequence });
      this.options.onResync("sequence_gap");
    }
  }

  private startHeartbeat(socket: WebSocket): void {
    this.clearTimers();
    this.pingTimer = setInterval(() => {
      if (this.pongTimer) return;
      this.pongTimer = setTimeout(() => {
        this.options.log.warn("sfox_feed_dead", { message: "no pong in time; reconnecting" });
        socket.terminate();
      }, this.settings.pongTimeoutMs);
      socket.ping();
    }, this.settings.pingIntervalMs);
  }

  private onClosed(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.clearTimers();
    this.socket = null;
    if (this.state === "stopped") return;
    const authFailed = this.state === "auth_failed";
    if (!authFailed) this.state = "disconnected";
    this.reconnects++;
    const delay = authFailed ? this.settings.authRetryMs : this.backoff();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.state !== "stopped") this.connect();
    }, delay);
  }

  /** Full jitter: a random wait up to base * 2^attempt, capped. */
  private backoff(): number {
    const ceiling = Math.min(this.settings.backoffMaxMs, this.settings.backoffBaseMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(this.settings.random() * ceiling);
  }

  private clearTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pingTimer = null;
    this.pongTimer = null;
  }
}
