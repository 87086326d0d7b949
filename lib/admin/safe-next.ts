/**
 * Where to go after signing in: only a path of the back office itself, so a crafted link
 * (`?next=//evil.example`, `/\evil`, `/admin/../x`) can never send an admin elsewhere.
 * Browser-safe: the sign-in form uses it too.
 */
export const ADMIN_HOME = "/admin";

/**
 * The request's path, set on every request by scripts/app-server.ts (overwriting whatever a client
 * sent), so the console's layout, which Next.js does not give the URL, can send a signed-out
 * visitor back to the page they asked for.
 */
export const REQUEST_PATH_HEADER = "x-sfox-request-path";
export const ADMIN_SIGN_IN = "/admin/sign-in";

const PROBE_ORIGIN = "http://admin.invalid";

export function safeAdminPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.includes("\\")) return ADMIN_HOME;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return ADMIN_HOME;
  }
  if (url.origin !== PROBE_ORIGIN) return ADMIN_HOME;
  const inConsole = url.pathname === ADMIN_HOME || url.pathname.startsWith(`${ADMIN_HOME}/`);
  const isSignIn = url.pathname === ADMIN_SIGN_IN || url.pathname.startsWith(`${ADMIN_SIGN_IN}/`);
  return inConsole && !isSignIn ? `${url.pathname}${url.search}${url.hash}` : ADMIN_HOME;
}

/** The sign-in page, coming back to `next` afterwards. */
export function signInPath(next: string): string {
  return `${ADMIN_SIGN_IN}?next=${encodeURIComponent(safeAdminPath(next))}`;
}
