// Runs once when the server process starts: fail fast on bad configuration and bring the database
// schema up to date before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  getEnv();
  const { getDatabaseHandle } = await import("@/lib/db/client");
  const { driver } = await getDatabaseHandle();
  console.log(`[db] ready (${driver})`);
}
