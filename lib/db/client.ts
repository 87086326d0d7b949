import "server-only";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { getEnv } from "@/lib/env";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  close(): Promise<void>;
}

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
    const pool = new Pool({ connectionString: target.databaseUrl, max: 10 });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on("error", (error) => console.error(`[db] idle PostgreSQL client error: ${error.message}`));
    const db = drizzle(pool, { schema });
    try {
      await migrate(db, { migrationsFolder });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: db as unknown as Database, driver: "postgres", close: () => pool.end() };
  }

  const directory = path.resolve(target.dataDir, "pglite");
  const releaseLock = acquirePgliteLock(directory);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // pg_trgm backs the back office's search (migration 0003 creates the extension).
    const client = await PGlite.create(directory, { extensions: { pg_trgm } });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      driver: "pglite",
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
