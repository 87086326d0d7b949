import "server-only";
import { recordAudit } from "@/lib/db/audit-log";
import type { Database } from "@/lib/db/client";
import type { AdminIdentity } from "@/lib/admin/admin-session";
import { isSfoxError } from "@/lib/sfox/errors";

/** What an admin action answers: an HTTP status and one sentence the page shows as it is. */
export type AdminActionOutcome<Data = undefined> =
  | { ok: true; status: 200; message: string; data: Data }
  | { ok: false; status: 404 | 409 | 422 | 502; message: string };

export type AdminActionName = "reveal_contact" | "resend_code" | "refresh_from_sfox" | "deactivate" | "export_users";

export interface AdminActionContext {
  db: Database;
  admin: AdminIdentity;
  userId: string;
}

/** Records the action in the audit log (who, what, on whom, how it ended) and returns its outcome. */
export async function audited<Data>(
  context: AdminActionContext,
  action: AdminActionName,
  outcome: AdminActionOutcome<Data>,
  detail: Record<string, unknown> = {},
): Promise<AdminActionOutcome<Data>> {
  await recordAudit(context.db, {
    actor: context.admin.email,
    action,
    targetUserId: context.userId,
    outcome: outcome.ok ? "ok" : "error",
    detail: { ...detail, message: outcome.message },
  });
  return outcome;
}

export function succeeded<Data>(message: string, data: Data): AdminActionOutcome<Data> {
  return { ok: true, status: 200, message, data };
}

export function failed(status: 404 | 409 | 422 | 502, message: string): AdminActionOutcome<never> {
  return { ok: false, status, message };
}

export const UNKNOWN_USER = "There is no user with this id.";

/**
 * An sFOX failure as an admin should read it: sFOX's own words when it refused (they are meant to
 * be shown), a plain sentence when it could not be reached. Anything else is a bug and is rethrown.
 */
export function sfoxFailure(error: unknown, doing: string): AdminActionOutcome<never> {
  if (!isSfoxError(error)) throw error;
  if (error.kind !== "http" || error.retryable) {
    return failed(502, `sFOX could not be reached to ${doing}. Nothing changed; try again in a moment.`);
  }
  if (error.status === 404) return failed(404, `sFOX does not know this user (${error.message}).`);
  return failed(422, `sFOX refused to ${doing}: ${error.message}`);
}
