import type { EventRow } from "@/lib/db/schema";
import type { AdminUserMessage } from "@/lib/realtime/stream-messages";
import type { UserListItem } from "./live-user-list";

/** One entry of a user's timeline as the browser holds it. */
export interface TimelineEntry {
  id: number;
  kind: string;
  status: UserListItem["status"];
  previousStatus: UserListItem["status"] | null;
  requirements: UserListItem["requirements"];
  at: string;
}

export function toTimelineEntry(event: EventRow): TimelineEntry {
  const payload = event.payload as Partial<{
    status: TimelineEntry["status"];
    previousStatus: TimelineEntry["status"] | null;
    requirements: Partial<TimelineEntry["requirements"]>;
  }>;
  return {
    id: event.id,
    kind: event.kind,
    status: payload.status ?? "pending",
    previousStatus: payload.previousStatus ?? null,
    requirements: { email: Boolean(payload.requirements?.email), sms: Boolean(payload.requirements?.sms) },
    at: event.receivedAt.toISOString(),
  };
}

export function timelineEntryOfMessage(message: AdminUserMessage, id: number): TimelineEntry {
  return {
    id,
    kind: message.kind,
    status: message.status,
    previousStatus: message.previousStatus,
    requirements: message.requirements,
    at: message.at,
  };
}
