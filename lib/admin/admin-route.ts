import "server-only";
import type { AdminIdentity } from "./admin-session";
import { adminFromHeaders } from "./admin-session";
import { getDb, type Database } from "@/lib/db/client";
import { userIdSchema } from "@/lib/validations/primitives";
import type { AdminActionContext, AdminActionOutcome } from "./actions/outcome";

type RouteContext<Params> = { params: Promise<Params> };

/**
 * A back-office route handler that checks, itself, that a partner admin is signed in (401 JSON
 * otherwise) and, for anything but GET, that the request comes from this site's own pages: the
 * session cookie is SameSite=Lax, and a foreign Origin is refused on top of that.
 */
export function adminRoute<Params>(
  handler: (request: Request, admin: AdminIdentity, params: Params) => Promise<Response>,
): (request: Request, context: RouteContext<Params>) => Promise<Response> {
  return async (request, context) => {
    if (request.method !== "GET" && !sameOrigin(request)) {
      return Response.json({ ok: false, message: "This request did not come from the back office." }, { status: 403 });
    }
    const admin = await adminFromHeaders(request.headers);
    if (!admin) return Response.json({ ok: false, message: "Sign in as a partner admin." }, { status: 401 });
    return handler(request, admin, await context.params);
  };
}

/** POST /api/admin/users/:userId/<action>: runs one audited action on one user and answers its outcome. */
export function adminUserAction<Data>(
  run: (context: AdminActionContext) => Promise<AdminActionOutcome<Data>>,
): (request: Request, context: RouteContext<{ userId: string }>) => Promise<Response> {
  return adminRoute<{ userId: string }>(async (_request, admin, params) => {
    const userId = userIdSchema.safeParse(params.userId);
    if (!userId.success) return Response.json({ ok: false, message: "There is no user with this id." }, { status: 404 });
    const db: Database = await getDb();
    const outcome = await run({ db, admin, userId: userId.data });
    return Response.json(outcome, { status: outcome.status, headers: { "Cache-Control": "no-store" } });
  });
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  // Browsers always send Origin on a POST; a request without one is not a cross-site form.
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
