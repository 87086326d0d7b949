// GET /api/health: whether this instance, its database and its upstream sFOX feed are working.
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { realtimeHealth } from "@/lib/realtime/runtime";

export const dynamic = "force-dynamic";

export async function GET() {
  let database: { ok: boolean; driver?: string; error?: string };
  try {
    const handle = await getDatabaseHandle();
    await handle.db.execute(sql`SELECT 1`);
    database = { ok: true, driver: handle.driver };
  } catch (error) {
    database = { ok: false, error: error instanceof Error ? error.message : "unavailable" };
  }
  const realtime = realtimeHealth();
  const ok = database.ok && realtime !== null;
  return Response.json(
    {
      ok,
      sfox: getEnv().sfox.mode,
      database,
      feed: realtime?.feed ?? null,
      reconciliation: realtime?.reconciliation ?? null,
      cluster: realtime?.cluster ?? null,
      streams: realtime?.streams ?? null,
      eventLoopDelayMs: realtime?.eventLoopDelayMs ?? null,
    },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
