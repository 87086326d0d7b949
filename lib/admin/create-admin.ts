import "server-only";
import type { Auth } from "./auth";

export const ADMIN_PASSWORD_MIN = 12;
export const ADMIN_PASSWORD_MAX = 128;

export interface NewAdmin {
  email: string;
  name: string;
  password: string;
}

export type CreateAdminResult = { created: true; id: string; email: string } | { created: false; reason: "exists" };

/** Why these details cannot make an admin, or null. The same limits better-auth applies at sign-in. */
export function newAdminProblem(admin: NewAdmin): string | null {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(admin.email.trim())) return "The email address is not valid.";
  if (admin.password.length < ADMIN_PASSWORD_MIN) return `The password must be at least ${ADMIN_PASSWORD_MIN} characters.`;
  if (admin.password.length > ADMIN_PASSWORD_MAX) return `The password must be at most ${ADMIN_PASSWORD_MAX} characters.`;
  return null;
}

/**
 * Creates a partner admin the way better-auth's own sign-up would (its scrypt hash on a
 * "credential" account), since sign-up is disabled. An existing email is left untouched: this never
 * resets someone's password.
 */
export async function createAdmin(auth: Auth, admin: NewAdmin): Promise<CreateAdminResult> {
  const problem = newAdminProblem(admin);
  if (problem) throw new Error(problem);
  const context = await auth.$context;
  // better-auth looks emails up in lower case at sign-in.
  const email = admin.email.trim().toLowerCase();
  if (await context.internalAdapter.findUserByEmail(email)) return { created: false, reason: "exists" };

  const hash = await context.password.hash(admin.password);
  const user = await context.internalAdapter.createUser(
    { email, name: admin.name.trim() || email, emailVerified: true },
    { method: "admin" },
  );
  try {
    await context.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  } catch (error) {
    // An admin without a password could never sign in, and would block creating it again.
    await context.internalAdapter.deleteUser(user.id);
    throw error;
  }
  return { created: true, id: user.id, email };
}

/** How many admins exist. */
export async function countAdmins(auth: Auth): Promise<number> {
  return (await auth.$context).internalAdapter.countTotalUsers();
}
