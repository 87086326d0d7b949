import "server-only";
import path from "node:path";
import { entityKind, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { DatabaseAvailability, registerDatabaseAvailability } from "./availability";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /**
   * Runs start-up work (migrations, the first admin) while no other instance sharing this database
   * runs its own: two instances starting together must not both migrate or both create an admin.
   */
  duringStartup<T>(work: () => Promise<T>): Promise<T>;
  /** PostgreSQL only: whether the server can be reached right now (see ./availability). */
  availability?: DatabaseAvailability;
  close(): Promise<void>;
}

// Any fixed number: the key of the session advisory lock that start-up work takes on PostgreSQL.
const STARTUP_LOCK = 0x5f0e_0001;

export type DatabaseTarget = { databaseUrl: string } | { dataDir: string };

const migrationsFolder = path.join(process.cwd(), "lib", "db", "migrations");

/**
 * Opens the database and brings its schema up to date. PostgreSQL when a URL is given, else the
 * embedded PGlite under `<dataDir>/pglite`. Drivers are imported on demand so the unused one is
 * never loaded.
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("databaseUrl" in target) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: target.databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
    const availability = new DatabaseAvailability({
      probe: () => pool.query("SELECT 1"),
      note: (event, fields) => (event === "database_unreachable" ? log.error(event, fields) : log.info(event, fields)),
    });
    reportOutcomesOf(pool, availability);
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on("error", (error) => {
      log.warn("db_idle_client_error", { error: error.message });
      availability.report(error);
    });
    const db = drizzle(pool, { schema });
    const duringStartup = async <T>(work: () => Promise<T>): Promise<T> => {
      // A session lock on one pooled connection, held while `work` runs on the others.
      const holder = await pool.connect();
      try {
        await holder.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
        return await work();
      } finally {
        await holder.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => undefined);
        holder.release();
      }
    };
    try {
      await duringStartup(() => migrate(db, { migrationsFolder }));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return {
      db: db as unknown as Database,
      driver: "postgres",
      duringStartup,
      availability,
      close: async () => {
        availability.stop();
        await pool.end();
      },
    };
  }

  const directory = path.resolve(target.dataDir, "pglite");
  const releaseLock = acquirePgliteLock(directory);
  try {
    const { PgliteWorkerClient } = await import("./pglite-worker-client");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // PGlite runs in its own thread, so its WebAssembly never blocks the streams' event loop.
    const client = await PgliteWorkerClient.open(directory);
    // Drizzle's PGlite driver calls only `query` and `transaction`, which the worker's client has.
    const db = drizzle(client as unknown as PGlite, { schema });
    try {
      await migrate(db, { migrationsFolder });
    } catch (error) {
      await client.close();
      throw error;
    }
    return {
      db: db as unknown as Database,
      driver: "pglite",
      // One process owns the embedded database: nobody to wait for.
      duringStartup: (work) => work(),
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * Tells `availability` how every query and connection attempt of `pool` ended (its callers still
 * get the result or the error): a request that meets a dead server makes the next ones answer 503
 * at once, and any success (the health check, the feed's retries) ends that as soon as the server
 * is back. The pool's own promise forms are wrapped; the callback forms (which pg uses internally)
 * are left alone.
 */
function reportOutcomesOf(pool: Pool, availability: DatabaseAvailability): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const observe = (result: unknown, isRoundTrip: boolean) => {
    if (result instanceof Promise) {
      result.then(
        () => isRoundTrip && availability.reportSuccess(),
        (error: unknown) => availability.report(error),
      );
    }
    return result;
  };
  Object.assign(pool, {
    // Handing out an idle connection proves nothing (its server may be gone); only its failure counts.
    connect: (...args: unknown[]) => observe(connect(...args), false),
    query: (...args: unknown[]) => observe(query(...args), true),
  });
}

// Drizzle names each driver's classes; these are the embedded one's database and transaction.
const EMBEDDED_KINDS = new Set(["PgliteDatabase", "PgliteTransaction"]);

/**
 * True for the embedded PGlite (or a transaction on it): one process, one connection, so its
 * transactions already run one at a time and its changes are published in-process. False for
 * PostgreSQL, which several instances may share.
 */
export function isEmbeddedDatabase(db: Database): boolean {
  const kind = (db.constructor as { [entityKind]?: string })[entityKind];
  return kind !== undefined && EMBEDDED_KINDS.has(kind);
}

// Route handlers, server components and instrumentation are separate module graphs in Next.js,
// so the one connection of this process lives on globalThis (vercel/next.js#69544).
const globalForDb = globalThis as typeof globalThis & { __sfoxOnboardingDb?: Promise<DatabaseHandle> };

/** The process-wide database, opened (and migrated) on first use, never at import. */
export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.__sfoxOnboardingDb) {
    const env = getEnv();
    const opening = openDatabase(env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: env.dataDir });
    // What this process's HTTP layer consults before each request (scripts/app-server.ts).
    void opening.then(({ availability }) => availability && registerDatabaseAvailability(availability), () => undefined);
    // A failed open must be retried by the next caller, not cached forever.
    opening.catch(() => {
      if (globalForDb.__sfoxOnboardingDb === opening) globalForDb.__sfoxOnboardingDb = undefined;
    });
    globalForDb.__sfoxOnboardingDb = opening;
  }
  return globalForDb.__sfoxOnboardingDb;
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`, which the shared type cannot express. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
