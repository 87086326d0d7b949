import "server-only";
import { isEmbeddedDatabase, type Database } from "@/lib/db/client";
import { eventBus, type PublishedChange } from "./event-bus";

/**
 * Hands committed changes to this process's streams. On the embedded database this process is the
 * only writer, so it publishes them itself, at once. On a shared PostgreSQL it does not: every
 * instance, this one included, publishes each change from the event log when the commit's NOTIFY
 * arrives (`EventLogFollower`), so all of them deliver every change once, in the log's order.
 */
export function publishCommitted(db: Database, changes: readonly PublishedChange[]): void {
  if (!isEmbeddedDatabase(db)) return;
  for (const change of changes) eventBus().publish(change);
}
