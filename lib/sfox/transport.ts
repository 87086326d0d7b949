import "server-only";
import type { z } from "zod";
import { SfoxError, isSfoxError, parseRetryAfter } from "./errors";
import { rawErrorSchema } from "./schemas";

export interface TransportConfig {
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Attempts for GETs (POST and DELETE always get exactly one). */
  getAttempts: number;
  /** First backoff step; each retry waits a random time up to base * 2^attempt (full jitter). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
}

type Method = "GET" | "POST" | "DELETE";

/**
 * The one way to call sFOX: bearer key, timeout, `{"error"}` bodies turned into `SfoxError`, and
 * every success body parsed with its schema. GETs retry transient failures; mutations never do,
 * because a POST that timed out may have worked.
 */
export async function request<Schema extends z.ZodType>(
  config: TransportConfig,
  method: Method,
  path: string,
  options: { schema: Schema; body?: unknown },
): Promise<z.infer<Schema>>;
export async function request(
  config: TransportConfig,
  method: Method,
  path: string,
  options: { schema?: undefined; body?: unknown },
): Promise<void>;
export async function request(
  config: TransportConfig,
  method: Method,
  path: string,
  options: { schema?: z.ZodType; body?: unknown },
): Promise<unknown> {
  const attempts = method === "GET" ? Math.max(1, config.getAttempts) : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(config, method, path, options);
    } catch (error) {
      if (!isSfoxError(error) || !error.retryable || attempt >= attempts) throw error;
      await config.sleep(backoffDelay(config, attempt, error.retryAfterMs));
    }
  }
}

async function attemptOnce(
  config: TransportConfig,
  method: Method,
  path: string,
  options: { schema?: z.ZodType; body?: unknown },
): Promise<unknown> {
  const headers: Record<string, string> = { Authorization: `Bearer ${config.apiKey}`, Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";

  let response: Response;
  let text: string;
  try {
    response = await config.fetch(`${config.apiUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(config.timeoutMs),
      cache: "no-store",
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new SfoxError({
      kind: timedOut ? "timeout" : "network",
      message: timedOut ? `sFOX did not answer within ${config.timeoutMs} ms` : "sFOX could not be reached",
      cause: error,
    });
  }

  if (!response.ok) {
    throw new SfoxError({
      kind: "http",
      status: response.status,
      message: errorMessageOf(text) ?? `sFOX answered ${response.status}`,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  if (!options.schema) return undefined;

  const parsed = options.schema.safeParse(parseJson(text));
  if (!parsed.success) {
    // Never include the body: it may hold a user token.
    throw new SfoxError({
      kind: "invalid_response",
      status: response.status,
      message: `sFOX answered ${method} ${path.split("/").slice(0, 4).join("/")} with an unexpected shape`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorMessageOf(text: string): string | null {
  const parsed = rawErrorSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data.error : null;
}

export function backoffDelay(
  config: Pick<TransportConfig, "backoffBaseMs" | "backoffMaxMs">,
  attempt: number,
  retryAfterMs: number | null,
  random = Math.random,
): number {
  const jittered = random() * Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** attempt);
  // sFOX's own wait wins when it says one, within the cap.
  return Math.min(config.backoffMaxMs, Math.max(jittered, retryAfterMs ?? 0));
}
