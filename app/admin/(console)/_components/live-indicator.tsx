import type { StreamState } from "@/components/hooks/use-event-stream";
import type { FeedSignal } from "@/lib/realtime/stream-messages";

const FEED_WORDS: Record<string, string> = {
  idle: "not started",
  connecting: "connecting",
  authenticating: "signing in to sFOX",
  subscribed: "connected",
  disconnected: "disconnected, reconnecting",
  auth_failed: "refused by sFOX (check SFOX_API_KEY)",
  stopped: "stopped",
};

/**
 * A discreet line on whether what the admin sees is current: this page's live stream, and the
 * server's own feed from sFOX (both must be up for statuses to move by themselves).
 */
export function LiveIndicator({ stream, feed }: { stream: StreamState; feed: FeedSignal | null }) {
  const streamWords = stream === "open" ? "live" : stream === "connecting" ? "connecting…" : "reconnecting…";
  const feedUp = feed?.connected ?? false;
  const healthy = stream === "open" && feedUp;
  return (
    <p className="text-ink-muted flex flex-wrap items-center gap-x-2 text-sm" data-testid="live-indicator">
      <span aria-hidden="true" className={`size-2 rounded-full ${healthy ? "bg-green-700" : "bg-amber-600"}`} />
      <span>
        Updates: <span className="text-ink font-medium">{streamWords}</span>
        {" · "}sFOX feed: <span className="text-ink font-medium">{feed ? (FEED_WORDS[feed.state] ?? feed.state) : "checking…"}</span>
        {feed && feed.reconnects > 0 ? <> ({feed.reconnects} reconnects)</> : null}
      </span>
    </p>
  );
}
