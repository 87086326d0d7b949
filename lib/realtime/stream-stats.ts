import "server-only";
import type { SseStream } from "@/lib/sse/sse-stream";

type StreamKind = "onboarding" | "admin";

const globalForStats = globalThis as typeof globalThis & { __sfoxStreamStats?: Record<StreamKind, number> };

function stats(): Record<StreamKind, number> {
  globalForStats.__sfoxStreamStats ??= { onboarding: 0, admin: 0 };
  return globalForStats.__sfoxStreamStats;
}

/** Counts open streams for the health endpoint; the count drops when the stream closes. */
export function trackStream(kind: StreamKind, stream: SseStream): void {
  stats()[kind]++;
  stream.onClose(() => stats()[kind]--);
}

export function openStreams(): Record<StreamKind, number> {
  return { ...stats() };
}
