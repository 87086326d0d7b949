// POST /api/admin/users/:userId/deactivate: closes the account at sFOX, audited; sFOX's refusal verbatim.
import { deactivateAccount } from "@/lib/admin/actions/deactivate";
import { adminUserAction } from "@/lib/admin/admin-route";
import { sfox } from "@/lib/sfox/client";

export const POST = adminUserAction((context) => deactivateAccount({ ...context, client: sfox() }));
