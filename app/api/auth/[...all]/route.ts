// GET/POST /api/auth/*: better-auth's own endpoints for partner admins (sign-in, session, sign-out),
// with its origin check and its per-address rate limit on /sign-in/email.
import { getAuth } from "@/lib/admin/auth";

export async function GET(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export async function POST(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}
