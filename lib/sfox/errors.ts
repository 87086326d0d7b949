import "server-only";

export type SfoxErrorKind = "http" | "timeout" | "network" | "invalid_response";

// Next.js loads server code in several module graphs (instrumentation, actions, route handlers),
// each with its own copy of this class, so `instanceof` can fail across them; the brand does not.
const BRAND = Symbol.for("sfox-onboarding.SfoxError");

/** True for an SfoxError from any module graph of this process. */
export function isSfoxError(error: unknown): error is SfoxError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Every failure of a call to sFOX. `message` is sFOX's own text when it sent one (safe to show an
 * admin verbatim); `field` is the payload path it names, e.g. `individual.dob`.
 */
export class SfoxError extends Error {
  readonly kind: SfoxErrorKind;
  readonly status: number | null;
  readonly field: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly [BRAND] = true;

  constructor(init: {
    kind: SfoxErrorKind;
    message: string;
    status?: number | null;
    retryAfterMs?: number | null;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "SfoxError";
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.field = init.kind === "http" ? fieldNamedIn(init.message) : null;
    this.retryable = isRetryable(init.kind, this.status);
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

// sFOX validation messages start with the path they concern: "beneficial_owners[1].dob: ...".
const FIELD_PREFIX = /^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*):\s/;

export function fieldNamedIn(message: string): string | null {
  return FIELD_PREFIX.exec(message)?.[1] ?? null;
}

function isRetryable(kind: SfoxErrorKind, status: number | null): boolean {
  if (kind === "timeout" || kind === "network") return true;
  if (kind === "invalid_response") return false;
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
