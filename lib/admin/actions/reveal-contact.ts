import "server-only";
import { getUser } from "@/lib/db/users";
import { audited, failed, succeeded, UNKNOWN_USER, type AdminActionContext, type AdminActionOutcome } from "./outcome";
import type { RevealedContact } from "./reveal-contact-types";

/** The user's full email and phone. Every reveal is in the audit log, so each look is accounted for. */
export async function revealContact(context: AdminActionContext): Promise<AdminActionOutcome<RevealedContact>> {
  const user = await getUser(context.db, context.userId);
  if (!user) return failed(404, UNKNOWN_USER);
  return audited(
    context,
    "reveal_contact",
    succeeded("Contact details revealed. This was recorded.", { email: user.email, phoneNumber: user.phoneNumber }),
  );
}
