/**
 * Reads what the app stored (after the soak stopped it: PGlite is single-process) with the
 * project's own lib/db code: every user, every event and every onboarding, written as JSON.
 *
 * Run as `node --conditions=react-server --import tsx scripts/soak/read-database.ts <dataDir> <output.json>`
 * (the condition makes `server-only` resolve to its empty export outside Next.js).
 */
import fs from "node:fs";
import { asc } from "drizzle-orm";
import { openDatabase } from "../../lib/db/client";
import { events, onboardingSessions, users } from "../../lib/db/schema";

export interface StoredData {
  users: Array<{ userId: string; email: string; status: string; requirements: Record<string, boolean> }>;
  events: Array<{ id: number; userId: string; kind: string; payload: Record<string, unknown> }>;
  onboardings: Array<{ userId: string; registered: boolean }>;
}

async function main(): Promise<void> {
  const [dataDir, output] = process.argv.slice(2);
  if (!dataDir || !output) throw new Error("usage: read-database.ts <dataDir> <output.json>");
  const handle = await openDatabase({ dataDir });
  try {
    const { db } = handle;
    const data: StoredData = {
      users: await db
        .select({ userId: users.userId, email: users.email, status: users.status, requirements: users.requirements })
        .from(users),
      events: await db
        .select({ id: events.id, userId: events.userId, kind: events.kind, payload: events.payload })
        .from(events)
        .orderBy(asc(events.id)),
      onboardings: (
        await db.select({ userId: onboardingSessions.userId, registeredAt: onboardingSessions.registeredAt }).from(onboardingSessions)
      ).map((row) => ({ userId: row.userId, registered: row.registeredAt !== null })),
    };
    fs.writeFileSync(output, JSON.stringify(data));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
