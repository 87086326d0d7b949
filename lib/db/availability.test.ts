// Knowing when PostgreSQL is gone, and when it is back: against a real server that is stopped and
// started again, and the classification of the errors that say so.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTestPostgres, type TestPostgres } from "@/test/postgres";
import { DatabaseAvailability, isConnectionFailure } from "./availability";
import { openDatabase, type DatabaseHandle } from "./client";

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("isConnectionFailure", () => {
  it("recognises a refused connection, as node-postgres reports it", async () => {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/postgres` });
    const error = await errorOf(() => client.connect());
    expect(isConnectionFailure(error)).toBe(true);
  });

  it("looks through the errors that wrap the driver's", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isConnectionFailure(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
    expect(isConnectionFailure(new AggregateError([refused], ""))).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isConnectionFailure(new Error("Connection terminated unexpectedly"))).toBe(true);
  });

  it("does not mistake a query the server refused for an outage", () => {
    expect(isConnectionFailure(Object.assign(new Error('relation "nope" does not exist'), { code: "42P01" }))).toBe(false);
    expect(isConnectionFailure(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe(false);
    expect(isConnectionFailure(new Error("Failed query", { cause: new TypeError("x is undefined") }))).toBe(false);
    expect(isConnectionFailure("ECONNREFUSED")).toBe(false);
    expect(isConnectionFailure(null)).toBe(false);
  });
});

describe("DatabaseAvailability", () => {
  it("stays unreachable until its probe answers, then recovers by itself", async () => {
    let answers = false;
    let probes = 0;
    const notes: string[] = [];
    const availability = new DatabaseAvailability({
      probe: async () => {
        probes++;
        if (!answers) throw Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
      },
      probeEveryMs: 10,
      note: (event) => notes.push(event),
    });
    availability.report(new Error("syntax error"));
    expect(availability.reachable).toBe(true);

    availability.report(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
    availability.report(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
    expect(availability.reachable).toBe(false);
    await until(() => probes >= 3);
    expect(availability.reachable).toBe(false);

    answers = true;
    await until(() => availability.reachable);
    expect(notes).toEqual(["database_unreachable", "database_reachable"]);
    availability.stop();
  });

  it("is reachable again as soon as any query succeeds, before the probe's next try", () => {
    const availability = new DatabaseAvailability({ probe: () => new Promise(() => undefined), probeEveryMs: 60_000 });
    availability.report(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
    expect(availability.reachable).toBe(false);
    availability.reportSuccess();
    expect(availability.reachable).toBe(true);
    availability.stop();
  });
});

describe("on a real PostgreSQL that stops and starts again", () => {
  let postgres: TestPostgres;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    postgres = await startTestPostgres();
    handle = await openDatabase({ databaseUrl: postgres.url });
  });
  afterAll(async () => {
    await handle?.close();
    await postgres?.stop();
  });

  it("is noticed by a failing query, and the same handle works again once the server is back", async () => {
    const availability = handle.availability!;
    await handle.db.execute(sql`SELECT 1`);
    expect(availability.reachable).toBe(true);

    await postgres.pause();
    const failure = await errorOf(() => handle.db.execute(sql`SELECT 1`));
    expect(isConnectionFailure(failure)).toBe(true);
    // The failed query reported it: from now on requests are answered 503 without trying.
    expect(availability.reachable).toBe(false);

    await postgres.resume();
    await until(() => availability.reachable);
    const { rows } = (await handle.db.execute(sql`SELECT 1 AS one`)) as unknown as { rows: Array<{ one: number }> };
    expect(rows).toEqual([{ one: 1 }]);
  });
});
