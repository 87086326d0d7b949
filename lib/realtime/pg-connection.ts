import "server-only";
import type { Client } from "pg";
import { reportDatabaseFailure } from "@/lib/db/availability";

/** Opens one dedicated PostgreSQL connection (not from the pool: it holds a lock or a LISTEN). */
export type ConnectDedicated = (purpose: string) => Promise<Client>;

export function dedicatedConnections(databaseUrl: string): ConnectDedicated {
  return async (purpose) => {
    const { Client } = await import("pg");
    const client = new Client({
      connectionString: databaseUrl,
      application_name: `sfox-onboarding ${purpose}`,
      // A peer that vanished without closing the socket is noticed by TCP, not only by a query.
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: 5_000,
    });
    // Errors surface through `connectionLost`; without a listener a second one would crash the process.
    // These connections stay open, so they are the first to notice the server going away.
    client.on("error", (error) => reportDatabaseFailure(error));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  };
}

/** Resolves when the connection ends or fails, whichever comes first; never rejects. */
export function connectionLost(client: Client): Promise<Error> {
  return new Promise((resolve) => {
    client.once("end", () => resolve(new Error("the connection ended")));
    client.once("error", (error) => resolve(error));
  });
}

/** A sleep that `wake()` cuts short: how a retry loop stops at once. */
export class Pause {
  private wakeUp: (() => void) | null = null;

  for(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  wake(): void {
    this.wakeUp?.();
    this.wakeUp = null;
  }
}
