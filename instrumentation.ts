// Runs once when the server process starts: fail fast on bad configuration, bring the database
// schema up to date, make sure a partner admin can sign in, start realtime (this process's sFOX
// feed subscription, or its share of a cluster on PostgreSQL), and hand the event-stream router to the HTTP layer
// (scripts/app-server.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  getEnv();
  const { getDatabaseHandle } = await import("@/lib/db/client");
  const { driver, duringStartup } = await getDatabaseHandle();
  // The first admin is created at start; instances sharing a PostgreSQL take turns at it.
  const { bootstrapAdmin } = await import("@/lib/admin/bootstrap-admin");
  const admin = await duringStartup(() => bootstrapAdmin());
  const { startRealtime } = await import("@/lib/realtime/runtime");
  startRealtime();
  const { registerStreamRouter } = await import("@/lib/realtime/stream-router");
  registerStreamRouter();
  const { log } = await import("@/lib/log");
  log.info("app_ready", { database: driver, sfox: getEnv().sfox.mode, admin });
}

// A request that failed because PostgreSQL went away tells the HTTP layer, which answers 503 until
// the database is back (lib/db/availability.ts); other errors are not its business.
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportDatabaseFailure } = await import("@/lib/db/availability");
  reportDatabaseFailure(error);
}
