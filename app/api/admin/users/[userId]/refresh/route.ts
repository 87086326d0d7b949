// POST /api/admin/users/:userId/refresh: reads the user from sFOX and records any difference, audited.
import { refreshFromSfox } from "@/lib/admin/actions/refresh-from-sfox";
import { adminUserAction } from "@/lib/admin/admin-route";
import { sfox } from "@/lib/sfox/client";

export const POST = adminUserAction((context) => refreshFromSfox({ ...context, client: sfox() }));
