import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentAdmin, type AdminIdentity } from "./admin-session";
import { ADMIN_HOME, REQUEST_PATH_HEADER, signInPath } from "./safe-next";

/**
 * The signed-in admin, or a redirect to sign in that comes back to `path`. Layouts cannot see the
 * URL, so each console page passes its own path; the layout's call is the first of two checks.
 */
export async function requireAdmin(path: string): Promise<AdminIdentity> {
  const admin = await currentAdmin();
  if (!admin) redirect(signInPath(path));
  return admin;
}

/**
 * For layouts, which are not given the URL: the path of this request as the HTTP layer recorded it
 * (sanitised again by signInPath), else the console's home.
 */
export async function requireAdminForThisRequest(): Promise<AdminIdentity> {
  const recorded = (await headers()).get(REQUEST_PATH_HEADER);
  if (!recorded) return requireAdmin(ADMIN_HOME);
  // A client-side navigation fetches the page with Next's own `_rsc` parameter: not part of the page.
  const url = new URL(recorded, "http://path.invalid");
  url.searchParams.delete("_rsc");
  return requireAdmin(`${url.pathname}${url.search}`);
}
