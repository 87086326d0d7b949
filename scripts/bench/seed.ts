/**
 * Prepares the app's database before the app starts (PGlite is single-process): one registered
 * onboarding session per benchmark user, the signed cookie each browser would hold, and the long
 * stored history of the slow consumer's user. Uses the project's own lib/db and lib/session code.
 *
 * Run as `node --conditions=react-server --import tsx scripts/bench/seed.ts <input.json>`: the
 * condition makes `server-only` resolve to its empty export outside Next.js. Input:
 * {dataDir, databaseUrl, sessionSecret, userIds, backlogUserId, backlog, output}; writes
 * {sessions: [{userId, sessionId, cookie}]} to `output`.
 */
import fs from "node:fs";
import { openDatabase } from "../../lib/db/client";
import { createOnboardingSession, markOnboardingRegistered } from "../../lib/db/onboarding-sessions";
import { events } from "../../lib/db/schema";
import { signValue } from "../../lib/session/signed-value";

interface SeedInput {
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  userIds: string[];
  backlogUserId: string;
  backlog: number;
  output: string;
}

async function main(): Promise<void> {
  const input = JSON.parse(fs.readFileSync(process.argv[2] ?? "", "utf8")) as SeedInput;
  const handle = await openDatabase(
    input.databaseUrl ? { databaseUrl: input.databaseUrl } : { dataDir: input.dataDir },
  );
  try {
    const sessions: Array<{ userId: string; sessionId: string; cookie: string }> = [];
    for (const userId of [...input.userIds, input.backlogUserId]) {
      const session = await createOnboardingSession(handle.db, userId);
      await markOnboardingRegistered(handle.db, session.id);
      sessions.push({ userId, sessionId: session.id, cookie: signValue(session.id, input.sessionSecret) });
    }
    // The backlog user's history: status changes as the feed would have recorded them.
    const BATCH = 1_000;
    for (let done = 0; done < input.backlog; done += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, input.backlog - done) }, (_, i) => {
        const verified = (done + i) % 2 === 0;
        return {
          userId: input.backlogUserId,
          kind: "feed",
          payload: {
            status: verified ? "verified" : "pending",
            requirements: { email: true, sms: true },
            previousStatus: verified ? "pending" : "verified",
          },
        };
      });
      await handle.db.insert(events).values(rows);
    }
    fs.writeFileSync(input.output, JSON.stringify({ sessions }));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
