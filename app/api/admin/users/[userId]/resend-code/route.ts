// POST /api/admin/users/:userId/resend-code: sends the email or SMS code that is due, audited.
import { resendCode } from "@/lib/admin/actions/resend-code";
import { adminUserAction } from "@/lib/admin/admin-route";
import { sfox } from "@/lib/sfox/client";

export const POST = adminUserAction((context) => resendCode({ ...context, client: sfox() }));
