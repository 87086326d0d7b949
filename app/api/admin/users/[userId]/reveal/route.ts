// POST /api/admin/users/:userId/reveal: the user's full email and phone, recorded in the audit log.
import { revealContact } from "@/lib/admin/actions/reveal-contact";
import { adminUserAction } from "@/lib/admin/admin-route";

export const POST = adminUserAction(revealContact);
