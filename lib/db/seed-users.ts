import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { events, users, type NewUserRow } from "./schema";

/**
 * Made-up users for load and demos: `npm run db:seed` and `npm run bench:admin`. Deterministic
 * for a given seed, so two runs measure the same data. None of them exists at sFOX: actions on
 * them answer sFOX's 404, and reconciliation (which walks sFOX's list) never touches them.
 */
export interface SeedOptions {
  count: number;
  /** user ids are `${prefix}-000001`…, so a second seeding with another prefix adds, never collides. */
  prefix?: string;
  seed?: number;
  /** The first user also gets this many events: a long timeline to measure the detail page on. */
  historyOfFirst?: number;
  now?: Date;
  onProgress?: (done: number) => void;
}

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Katherine", "Linus", "Margaret", "Niklaus", "Radia", "Tim", "Sophie", "Yukihiro", "Guido", "Hedy", "Claude", "Shafi"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Johnson", "Torvalds", "Hamilton", "Wirth", "Perlman", "Berners-Lee", "Wilson", "Matsumoto", "van Rossum", "Lamarr", "Shannon", "Goldwasser"];
const COMPANY_WORDS = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Adatum", "Litware", "Proseware", "Woodgrove", "Lucerne", "Wingtip"];
const BATCH = 1_000;
const DAY_MS = 86_400_000;

/** Small, fast, seedable PRNG (mulberry32): reproducible data without a dependency. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seedUsers(db: Database, options: SeedOptions): Promise<{ users: number; events: number; firstUserId: string }> {
  const next = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const prefix = options.prefix ?? "seed";
  const now = (options.now ?? new Date()).getTime();
  const advisors: string[] = [];
  let eventCount = 0;

  for (let start = 0; start < options.count; start += BATCH) {
    const rows: NewUserRow[] = [];
    const batchEvents: Array<typeof events.$inferInsert> = [];
    for (let i = start; i < Math.min(options.count, start + BATCH); i++) {
      const userId = `${prefix}-${String(i + 1).padStart(6, "0")}`;
      const corporation = next() < 0.15;
      const advisor = next() < 0.05;
      const roll = next();
      const status = roll < 0.55 ? "pending" : roll < 0.95 ? "verified" : "unsupported";
      const emailDone = status !== "pending" || next() < 0.5;
      const smsDone = corporation || status !== "pending" || (emailDone && next() < 0.5);
      const first = pick(FIRST_NAMES);
      const last = corporation ? `${pick(COMPANY_WORDS)} ${pick(["Ltd", "Inc", "LLC", "GmbH"])}` : pick(LAST_NAMES);
      // Spread over the last 180 days; the last change up to a week after creation.
      const createdAt = new Date(now - Math.floor(next() * 180 * DAY_MS));
      const updatedAt = new Date(Math.min(now, createdAt.getTime() + Math.floor(next() * 7 * DAY_MS)));
      rows.push({
        userId,
        accountType: corporation ? "corporation" : "individual",
        accountRole: advisor ? "advisor" : "client",
        status,
        requirements: { email: !emailDone, sms: !smsDone },
        firstName: first,
        lastName: last,
        email: `${first}.${last.replace(/[^A-Za-z]/g, "")}.${i + 1}@example.com`.toLowerCase(),
        phoneNumber: `+1415${String(5_000_000 + i).padStart(7, "0")}`,
        advisorUserId: !advisor && advisors.length > 0 && next() < 0.1 ? pick(advisors) : null,
        sfoxUpdatedNs: BigInt(updatedAt.getTime()) * 1_000_000n,
        createdAt,
        updatedAt,
      });
      if (advisor) advisors.push(userId);
      batchEvents.push({
        userId,
        kind: "registered",
        payload: { status: "pending", requirements: { email: true, sms: !corporation }, previousStatus: null },
        receivedAt: createdAt,
      });
      if (status !== "pending") {
        batchEvents.push({
          userId,
          kind: "feed",
          payload: { status, requirements: { email: false, sms: false }, previousStatus: "pending" },
          receivedAt: updatedAt,
        });
      }
    }
    await db.transaction(async (tx) => {
      await tx.insert(users).values(rows);
      await tx.insert(events).values(batchEvents);
    });
    eventCount += batchEvents.length;
    options.onProgress?.(Math.min(options.count, start + BATCH));
  }

  const firstUserId = `${prefix}-000001`;
  const history = options.historyOfFirst ?? 0;
  for (let start = 0; start < history; start += BATCH) {
    const size = Math.min(BATCH, history - start);
    await db.insert(events).values(
      Array.from({ length: size }, (_, k) => {
        const verified = (start + k) % 2 === 0;
        return {
          userId: firstUserId,
          kind: "feed",
          payload: {
            status: verified ? "verified" : "pending",
            requirements: { email: false, sms: false },
            previousStatus: verified ? "pending" : "verified",
          },
        };
      }),
    );
    eventCount += size;
  }
  // Fresh statistics, so the planner sees 100,000 rows and not the empty table it last analysed.
  await db.execute(sql`ANALYZE users`);
  await db.execute(sql`ANALYZE user_search`);
  await db.execute(sql`ANALYZE events`);
  return { users: options.count, events: eventCount, firstUserId };
}
