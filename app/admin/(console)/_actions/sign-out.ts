"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { adminFromHeaders } from "@/lib/admin/admin-session";
import { getAuth } from "@/lib/admin/auth";
import { ADMIN_SIGN_IN } from "@/lib/admin/safe-next";

/**
 * Sign out: ends the session in the database and clears its cookies (nextCookies writes them).
 * Checks the session itself like every admin action; without one there is nothing to end.
 */
export async function signOut(): Promise<void> {
  const requestHeaders = new Headers(await headers());
  if (await adminFromHeaders(requestHeaders)) {
    await (await getAuth()).api.signOut({ headers: requestHeaders });
  }
  redirect(ADMIN_SIGN_IN);
}
