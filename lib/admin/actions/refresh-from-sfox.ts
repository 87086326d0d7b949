import "server-only";
import { applyUserState, nowNs } from "@/lib/events/apply-user-state";
import { getUser } from "@/lib/db/users";
import type { SfoxClient } from "@/lib/sfox/client";
import { STATUS_LABELS } from "@/lib/admin/status-labels";
import { audited, failed, sfoxFailure, succeeded, UNKNOWN_USER, type AdminActionContext, type AdminActionOutcome } from "./outcome";

/**
 * Asks sFOX for the user's current state and records any difference as an event, exactly as a
 * feed update would be (so an older answer never overwrites a newer feed event).
 */
export async function refreshFromSfox(
  context: AdminActionContext & { client: SfoxClient },
): Promise<AdminActionOutcome<{ changed: boolean }>> {
  const before = await getUser(context.db, context.userId);
  if (!before) return failed(404, UNKNOWN_USER);
  const observedAtNs = nowNs();
  let upstream;
  try {
    upstream = await context.client.getUser(context.userId);
  } catch (error) {
    return audited(context, "refresh_from_sfox", sfoxFailure(error, "send this user's state"));
  }
  const { event } = await applyUserState(context.db, { user: upstream, observedAtNs, kind: "refreshed" });
  if (!event) return audited(context, "refresh_from_sfox", succeeded("Already up to date: sFOX has the same state.", { changed: false }));

  const differences: string[] = [];
  if (before.status !== upstream.status) {
    differences.push(`status ${STATUS_LABELS[before.status]} → ${STATUS_LABELS[upstream.status]}`);
  }
  for (const type of ["email", "sms"] as const) {
    if (Boolean(before.requirements[type]) !== upstream.requirements[type]) {
      differences.push(`${type === "sms" ? "SMS" : "email"} ${upstream.requirements[type] ? "no longer confirmed" : "confirmed"}`);
    }
  }
  return audited(
    context,
    "refresh_from_sfox",
    succeeded(`Updated from sFOX: ${differences.join(", ") || "state changed"}.`, { changed: true }),
    { eventId: event.id },
  );
}
