"use client";

import { useCallback, useState } from "react";
import { useEventStream } from "@/components/hooks/use-event-stream";
import { EVENT_KIND_LABELS } from "@/lib/admin/event-labels";
import { formatUtc } from "@/lib/admin/format-time";
import type { UserListItem } from "@/lib/admin/live-user-list";
import { STATUS_LABELS } from "@/lib/admin/status-labels";
import { timelineEntryOfMessage, type TimelineEntry } from "@/lib/admin/timeline";
import type { AdminUserMessage } from "@/lib/realtime/stream-messages";
import { RequirementChips, StatusBadge } from "../../../_components/status-badge";

interface LiveState {
  status: UserListItem["status"];
  requirements: UserListItem["requirements"];
  deactivated: boolean;
  events: TimelineEntry[];
  announcement: string;
}

/** The user's status, requirements and timeline (newest first), following this user's events live. */
export function LiveUserStatus({
  userId,
  accountType,
  since,
  truncated,
  ...initial
}: Omit<LiveState, "announcement"> & { userId: string; accountType: UserListItem["accountType"]; since: number; truncated: boolean }) {
  const [state, setState] = useState<LiveState>({ ...initial, announcement: "" });
  const onMessage = useCallback((message: AdminUserMessage, id: number) => {
    setState((previous) => {
      if (previous.events.some((event) => event.id === id)) return previous;
      return {
        status: message.status,
        requirements: message.requirements,
        deactivated: message.user.deactivated,
        events: [timelineEntryOfMessage(message, id), ...previous.events],
        announcement: `${EVENT_KIND_LABELS[message.kind] ?? message.kind}: ${STATUS_LABELS[message.status]}`,
      };
    });
  }, []);
  const stream = useEventStream<AdminUserMessage>(`/api/admin/events?user=${encodeURIComponent(userId)}`, {
    event: "user",
    since,
    onMessage,
  });

  return (
    <>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading" className="text-ink text-lg font-semibold">
          Status
        </h2>
        <div className="mt-3 space-y-2" data-testid="user-status">
          <StatusBadge status={state.status} deactivated={state.deactivated} />
          <RequirementChips requirements={state.requirements} accountType={accountType} />
        </div>
        <div aria-live="polite" className="sr-only">
          {state.announcement}
        </div>
      </section>

      <section aria-labelledby="timeline-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="timeline-heading" className="text-ink text-lg font-semibold">
            Timeline
          </h2>
          <p className="text-ink-muted text-sm">{stream === "open" ? "Live" : stream === "connecting" ? "Connecting…" : "Reconnecting…"}</p>
        </div>
        {state.events.length === 0 ? (
          <p className="text-ink-muted mt-3 text-sm">No events yet.</p>
        ) : (
          <ol className="mt-3 space-y-3 text-sm" data-testid="timeline">
            {state.events.map((event) => (
              <li key={event.id} className="border-l-2 border-gray-300 pl-3">
                <p className="font-semibold">{EVENT_KIND_LABELS[event.kind] ?? event.kind}</p>
                <p>
                  {event.previousStatus && event.previousStatus !== event.status
                    ? `${STATUS_LABELS[event.previousStatus]} → ${STATUS_LABELS[event.status]}`
                    : STATUS_LABELS[event.status]}
                  {"; "}
                  email {event.requirements.email ? "to confirm" : "confirmed"}
                  {accountType === "corporation" && !event.requirements.sms ? null : <>, SMS {event.requirements.sms ? "to confirm" : "confirmed"}</>}
                </p>
                <p className="text-ink-muted">{formatUtc(event.at)}</p>
              </li>
            ))}
          </ol>
        )}
        {truncated ? <p className="text-ink-muted mt-3 text-sm">Older events are not shown.</p> : null}
      </section>
    </>
  );
}
