import type { RealtimeHealth } from "@/lib/realtime/runtime";

const STATE_WORDS: Record<RealtimeHealth["feed"]["state"], string> = {
  idle: "not started",
  connecting: "connecting",
  authenticating: "signing in to sFOX",
  subscribed: "connected",
  disconnected: "disconnected, reconnecting",
  auth_failed: "refused by sFOX (check SFOX_API_KEY)",
  stopped: "stopped",
};

/** One line on the live sFOX feed, in words, so an admin knows whether statuses are current. */
export function FeedStatus({ health }: { health: RealtimeHealth | null }) {
  if (!health) return <p className="text-ink-muted text-sm">Live sFOX feed: not running in this process.</p>;
  const { feed } = health;
  const connected = feed.state === "subscribed";
  return (
    <p className="text-ink-muted flex flex-wrap items-center gap-x-2 text-sm">
      <span aria-hidden="true" className={`size-2 rounded-full ${connected ? "bg-green-700" : "bg-amber-600"}`} />
      <span>
        Live sFOX feed: <span className="text-ink font-medium">{STATE_WORDS[feed.state]}</span>
        {feed.lastEventAt ? <>; last update {new Date(feed.lastEventAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC</> : null}
        {feed.reconnects > 0 ? <>; {feed.reconnects} reconnects</> : null}
      </span>
    </p>
  );
}
