import "server-only";
import { maskEmail, maskPhone } from "@/lib/admin/mask-contact";
import { getUser } from "@/lib/db/users";
import { dueVerification } from "@/lib/onboarding/verification";
import type { SfoxClient } from "@/lib/sfox/client";
import { audited, failed, sfoxFailure, succeeded, UNKNOWN_USER, type AdminActionContext, type AdminActionOutcome } from "./outcome";

/**
 * Sends the user the code that is due: email first, then SMS, as the wizard does. The admin does
 * not choose, so a code for something already confirmed is never sent.
 */
export async function resendCode(
  context: AdminActionContext & { client: SfoxClient },
): Promise<AdminActionOutcome<{ type: "email" | "sms" }>> {
  const user = await getUser(context.db, context.userId);
  if (!user) return failed(404, UNKNOWN_USER);
  if (user.deactivatedAt) return audited(context, "resend_code", failed(409, "This account is deactivated: no code was sent."));
  const type = dueVerification(user);
  if (!type) {
    return audited(context, "resend_code", failed(409, "Email and phone are both confirmed: there is no code to send."));
  }
  try {
    await context.client.sendVerificationCode(user.userId, type);
  } catch (error) {
    return audited(context, "resend_code", sfoxFailure(error, `send the ${type === "sms" ? "SMS" : "email"} code`), { type });
  }
  const destination = type === "sms" ? maskPhone(user.phoneNumber) : maskEmail(user.email);
  const what = type === "sms" ? "An SMS code" : "An email code";
  return audited(context, "resend_code", succeeded(`${what} was sent to ${destination}.`, { type }), { type });
}
