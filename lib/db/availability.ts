/**
 * Whether this process can reach its PostgreSQL right now. Any part of the app that sees the
 * connection fail reports it (`reportDatabaseFailure`); from then on the HTTP layer
 * (scripts/app-server.ts) answers 503 at once instead of letting each request fail half-way, and a
 * probe retries the server until it answers, when everything resumes without a restart.
 *
 * The embedded PGlite runs in this process and cannot become unreachable: nothing is registered
 * for it and the database always counts as reachable.
 *
 * Deliberately free of "server-only" and of the app's logger: the HTTP layer, outside Next's
 * bundle, reads the same instance through globalThis.
 */

type Note = (event: "database_unreachable" | "database_reachable", fields: Record<string, unknown>) => void;

export interface AvailabilityOptions {
  /** One cheap round trip to the server (`SELECT 1`); rejects while it is unreachable. */
  probe: () => Promise<unknown>;
  /** How often the probe retries while the server is unreachable. */
  probeEveryMs?: number;
  note?: Note;
}

export class DatabaseAvailability {
  private downSince: number | null = null;
  private stopped = false;
  private readonly probeEveryMs: number;

  constructor(private readonly options: AvailabilityOptions) {
    this.probeEveryMs = options.probeEveryMs ?? 500;
  }

  get reachable(): boolean {
    return this.downSince === null;
  }

  /** Marks the database unreachable when `error` says the connection failed; other errors are ignored. */
  report(error: unknown): void {
    if (this.stopped || this.downSince !== null || !isConnectionFailure(error)) return;
    this.downSince = Date.now();
    this.options.note?.("database_unreachable", { error: messageOf(error) });
    void this.probeUntilReachable();
  }

  /** A query just succeeded: the server is back, whatever the probe last saw. */
  reportSuccess(): void {
    if (this.downSince === null) return;
    this.options.note?.("database_reachable", { unreachableMs: Date.now() - this.downSince });
    this.downSince = null;
  }

  stop(): void {
    this.stopped = true;
  }

  private async probeUntilReachable(): Promise<void> {
    while (!this.stopped && this.downSince !== null) {
      await new Promise((resolve) => setTimeout(resolve, this.probeEveryMs).unref());
      try {
        await this.options.probe();
        this.reportSuccess();
      } catch {
        // Still down: try again after the next pause.
      }
    }
  }
}

// Node's socket errors, and PostgreSQL's "connection exception" class (08) and shutdown codes
// (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const SERVER_CODES = /^(08...|57P0[123])$/;
// node-postgres reports a socket closed under it with these messages and no code.
const CLIENT_MESSAGES = /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed/i;

/**
 * True when `error` (or what it wraps: drizzle's query errors keep the driver's as `cause`, Node's
 * connection attempts to several addresses throw an AggregateError) means the server could not be
 * reached or went away, as opposed to a query the server refused.
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (SOCKET_CODES.has(code) || SERVER_CODES.test(code))) return true;
  if (typeof message === "string" && CLIENT_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isConnectionFailure(inner, depth + 1))) return true;
  return isConnectionFailure(cause, depth + 1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.constructor.name : String(error);
}

const shared = globalThis as typeof globalThis & { __sfoxDatabaseAvailability?: DatabaseAvailability };

/** Makes `availability` the process's (the one connection's); called once the database is open. */
export function registerDatabaseAvailability(availability: DatabaseAvailability): void {
  shared.__sfoxDatabaseAvailability?.stop();
  shared.__sfoxDatabaseAvailability = availability;
}

/** Reports a failure seen anywhere in the process; a no-op on the embedded database. */
export function reportDatabaseFailure(error: unknown): void {
  shared.__sfoxDatabaseAvailability?.report(error);
}

/** False while this process's PostgreSQL is known to be unreachable. */
export function databaseReachable(): boolean {
  return shared.__sfoxDatabaseAvailability?.reachable ?? true;
}
