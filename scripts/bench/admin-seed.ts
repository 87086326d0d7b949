/**
 * Fills a fresh database with the benchmark's users (lib/db/seed-users.ts, the same code as
 * `npm run db:seed`) and reads what each scenario's page must show, then closes it: the embedded
 * PGlite folder admits one process, and the app opens it next.
 */
import { openDatabase, type DatabaseTarget } from "../../lib/db/client";
import { seedUsers } from "../../lib/db/seed-users";
import { expectationOf, type Expectation, type Scenario } from "./admin-scenarios";

export interface SeedResult {
  users: number;
  events: number;
  seconds: number;
  expectations: Map<string, Expectation>;
}

export async function seedForBench(
  target: DatabaseTarget,
  options: { users: number; history: number; prefix: string; scenarios: Scenario[] },
  progress: (line: string) => void,
): Promise<SeedResult> {
  const handle = await openDatabase(target);
  try {
    const started = performance.now();
    const seeded = await seedUsers(handle.db, {
      count: options.users,
      prefix: options.prefix,
      historyOfFirst: options.history,
      onProgress: (done) => {
        if (done % 20_000 === 0) progress(`    ${done.toLocaleString("en-US")} users`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const expectations = new Map<string, Expectation>();
    for (const scenario of options.scenarios)
      expectations.set(scenario.name, await expectationOf(handle.db, scenario));
    return { users: seeded.users, events: seeded.events, seconds, expectations };
  } finally {
    await handle.close();
  }
}
