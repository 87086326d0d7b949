import { maskEmail } from "@/lib/admin/mask-contact";
import type { EventRow, UserRow } from "@/lib/db/schema";
import type { Requirements, UserStatus } from "@/lib/sfox/types";

/** What an end user's stream carries about their own account. */
export interface StatusMessage {
  status: UserStatus;
  requirements: Requirements;
  at: string;
}

/**
 * What the admin stream carries: the change plus what the users list shows of the person. The
 * email is masked as on the page: the full contact details only come from an audited reveal.
 */
export interface AdminUserMessage extends StatusMessage {
  userId: string;
  kind: string;
  previousStatus: UserStatus | null;
  user: {
    firstName: string;
    lastName: string;
    emailMasked: string;
    accountType: UserRow["accountType"];
    accountRole: UserRow["accountRole"];
    createdAt: string;
    deactivated: boolean;
  };
}

/** The upstream feed's state, sent on the admin stream when it changes (no id: not an event). */
export interface FeedSignal {
  state: string;
  connected: boolean;
  reconnects: number;
  lastEventAt: string | null;
}

function changeOf(event: EventRow): { status: UserStatus; requirements: Requirements; previousStatus: UserStatus | null } {
  const payload = event.payload as { status?: UserStatus; requirements?: Partial<Requirements>; previousStatus?: UserStatus | null };
  return {
    status: payload.status ?? "pending",
    requirements: { email: Boolean(payload.requirements?.email), sms: Boolean(payload.requirements?.sms) },
    previousStatus: payload.previousStatus ?? null,
  };
}

export function toStatusMessage(event: EventRow): StatusMessage {
  const { status, requirements } = changeOf(event);
  return { status, requirements, at: event.receivedAt.toISOString() };
}

export function toAdminUserMessage(event: EventRow, user: UserRow): AdminUserMessage {
  return {
    ...changeOf(event),
    userId: event.userId,
    kind: event.kind,
    at: event.receivedAt.toISOString(),
    user: {
      firstName: user.firstName,
      lastName: user.lastName,
      emailMasked: maskEmail(user.email),
      accountType: user.accountType,
      accountRole: user.accountRole,
      createdAt: user.createdAt.toISOString(),
      deactivated: user.deactivatedAt !== null,
    },
  };
}
