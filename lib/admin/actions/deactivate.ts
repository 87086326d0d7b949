import "server-only";
import { markUserDeactivated } from "@/lib/events/mark-deactivated";
import { getUser } from "@/lib/db/users";
import type { SfoxClient } from "@/lib/sfox/client";
import { audited, failed, sfoxFailure, succeeded, UNKNOWN_USER, type AdminActionContext, type AdminActionOutcome } from "./outcome";

/**
 * Closes the account at sFOX (`DELETE /v1/enterprise/account/:id`). sFOX refuses while balances are
 * not zero; its message is shown as it is. Only after sFOX agreed is the user marked deactivated.
 */
export async function deactivateAccount(context: AdminActionContext & { client: SfoxClient }): Promise<AdminActionOutcome<undefined>> {
  const user = await getUser(context.db, context.userId);
  if (!user) return failed(404, UNKNOWN_USER);
  if (user.deactivatedAt) return audited(context, "deactivate", failed(409, "This account is already deactivated."));
  try {
    await context.client.deactivateUser(user.userId);
  } catch (error) {
    return audited(context, "deactivate", sfoxFailure(error, "deactivate the account"));
  }
  await markUserDeactivated(context.db, user.userId);
  return audited(context, "deactivate", succeeded("The account was deactivated at sFOX.", undefined));
}
