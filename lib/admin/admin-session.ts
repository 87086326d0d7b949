import "server-only";
import { headers as requestHeaders } from "next/headers";
import { getAuth } from "./auth";

export interface AdminIdentity {
  id: string;
  email: string;
  name: string;
}

/**
 * The signed-in partner admin for these request headers, or null. Every admin page, server action
 * and route handler calls this itself: the layout's redirect is a convenience, not the guard.
 */
export async function adminFromHeaders(headers: Headers): Promise<AdminIdentity | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}

/** The admin of the current Next.js request (server components and server actions). */
export async function currentAdmin(): Promise<AdminIdentity | null> {
  return adminFromHeaders(new Headers(await requestHeaders()));
}
