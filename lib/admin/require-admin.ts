import "server-only";
import { redirect } from "next/navigation";
import { currentAdmin, type AdminIdentity } from "./admin-session";
import { signInPath } from "./safe-next";

/**
 * The signed-in admin, or a redirect to sign in that comes back to `path`. Layouts cannot see the
 * URL, so each console page passes its own path; the layout's call is the first of two checks.
 */
export async function requireAdmin(path: string): Promise<AdminIdentity> {
  const admin = await currentAdmin();
  if (!admin) redirect(signInPath(path));
  return admin;
}
