import "server-only";
import type { EventRow, UserRow } from "@/lib/db/schema";

/** A change as it left the event log: the row and the user's state right after it. */
export interface PublishedChange {
  event: EventRow;
  user: UserRow;
}

type Listener = (change: PublishedChange) => void;

/**
 * In-process fan-out of committed changes. Listeners are indexed by user so that delivering an
 * event to one user's streams costs the same with ten or ten thousand other streams open.
 */
export class EventBus {
  private readonly everyone = new Set<Listener>();
  private readonly byUser = new Map<string, Set<Listener>>();

  publish(change: PublishedChange): void {
    for (const listener of this.everyone) safely(listener, change);
    const listeners = this.byUser.get(change.event.userId);
    if (listeners) for (const listener of listeners) safely(listener, change);
  }

  /** Every user's changes (the admin stream). Returns the unsubscribe function. */
  subscribeAll(listener: Listener): () => void {
    this.everyone.add(listener);
    return () => this.everyone.delete(listener);
  }

  /** One user's changes (an end user's own stream). Returns the unsubscribe function. */
  subscribeUser(userId: string, listener: Listener): () => void {
    let listeners = this.byUser.get(userId);
    if (!listeners) {
      listeners = new Set();
      this.byUser.set(userId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byUser.delete(userId);
    };
  }

  listenerCount(): number {
    let count = this.everyone.size;
    for (const listeners of this.byUser.values()) count += listeners.size;
    return count;
  }
}

function safely(listener: Listener, change: PublishedChange): void {
  try {
    listener(change);
  } catch (error) {
    // One broken stream must not keep the event from the others.
    console.error("[events] listener failed", error);
  }
}

const globalForBus = globalThis as typeof globalThis & { __sfoxEventBus?: EventBus };

/** The process's bus; on globalThis because server actions and instrumentation are separate module graphs. */
export function eventBus(): EventBus {
  globalForBus.__sfoxEventBus ??= new EventBus();
  return globalForBus.__sfoxEventBus;
}
