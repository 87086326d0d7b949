// Sandbox configuration: one typed object, read from the environment once and validated there,
// so a bad value stops the process at start with a message naming the variable instead of
// misbehaving later. Tests bypass the environment and pass overrides to `startSandbox`.

export interface SandboxConfig {
  /** TCP port; 0 picks a free port (tests). */
  port: number;
  /** Interface to bind. Loopback by default: the sandbox has no real security. */
  host: string;
  /** The Enterprise bearer key REST and WebSocket clients must present. */
  apiKey: string;
  /** Delay between "no requirement left" and the automatic VERIFIED decision. */
  reviewMs: number;
  /** When false, accounts stay PENDING until a decision is posted to the control API. */
  autoReview: boolean;
  /** JSON file holding the state across restarts; undefined = memory only. */
  stateFile: string | undefined;
  /** How long a verification code stays valid. */
  codeTtlMs: number;
  /** Minimum time between two sends of the same code type to one user. */
  codeCooldownMs: number;
  /** REST requests allowed per IP within `rateWindowMs` (sFOX main API: 250 / 10 s). */
  rateLimit: number;
  rateWindowMs: number;
  /** How long an IP stays blocked once it went over the limit (sFOX main API: 60 s). */
  rateBlockMs: number;
  /** One line per request on stdout. */
  log: boolean;
}

export const DEFAULT_CONFIG: Readonly<SandboxConfig> = Object.freeze({
  port: 4010,
  host: "127.0.0.1",
  apiKey: "sandbox-key",
  reviewMs: 1000,
  autoReview: true,
  stateFile: undefined,
  codeTtlMs: 600_000,
  codeCooldownMs: 10_000,
  rateLimit: 250,
  rateWindowMs: 10_000,
  rateBlockMs: 60_000,
  log: true,
});

/** Thrown for an unusable setting; the message always starts with the variable's name. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(name, `must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${raw}`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const v = raw.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  throw new ConfigError(name, `must be true or false, got ${JSON.stringify(raw)}`);
}

/** Reads every SANDBOX_* variable; throws ConfigError on the first bad one. */
export function loadConfig(env: Env = process.env): SandboxConfig {
  const apiKey = env.SANDBOX_API_KEY ?? DEFAULT_CONFIG.apiKey;
  if (apiKey === "" || /\s/.test(apiKey)) {
    throw new ConfigError("SANDBOX_API_KEY", "must be a non-empty string without whitespace");
  }
  const host = env.SANDBOX_HOST?.trim() || DEFAULT_CONFIG.host;
  const stateFile = env.SANDBOX_STATE_FILE?.trim() || undefined;
  const day = 86_400_000;
  return {
    port: integer(env, "SANDBOX_PORT", DEFAULT_CONFIG.port, 0, 65_535),
    host,
    apiKey,
    reviewMs: integer(env, "SANDBOX_REVIEW_MS", DEFAULT_CONFIG.reviewMs, 0, day),
    autoReview: boolean(env, "SANDBOX_AUTO_REVIEW", DEFAULT_CONFIG.autoReview),
    stateFile,
    codeTtlMs: integer(env, "SANDBOX_CODE_TTL_MS", DEFAULT_CONFIG.codeTtlMs, 1, day),
    codeCooldownMs: integer(env, "SANDBOX_CODE_COOLDOWN_MS", DEFAULT_CONFIG.codeCooldownMs, 0, day),
    rateLimit: integer(env, "SANDBOX_RATE_LIMIT", DEFAULT_CONFIG.rateLimit, 1, 1_000_000),
    rateWindowMs: integer(env, "SANDBOX_RATE_WINDOW_MS", DEFAULT_CONFIG.rateWindowMs, 1, day),
    rateBlockMs: integer(env, "SANDBOX_RATE_BLOCK_MS", DEFAULT_CONFIG.rateBlockMs, 0, day),
    log: boolean(env, "SANDBOX_LOG", DEFAULT_CONFIG.log),
  };
}
