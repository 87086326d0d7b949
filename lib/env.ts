import { z } from "@/lib/zod";

/**
 * The one place that reads configuration. Everything is validated together, once, so a bad value
 * stops the process at start with a message naming the variable instead of failing on first use.
 *
 * Not marked `server-only` because the start script (plain Node) validates with it before it
 * launches anything; nothing here may ever be imported by a client component.
 */

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(min, `must be a whole number from ${min} to ${max}`).max(max, `must be a whole number from ${min} to ${max}`));

const port = (fallback: number) => wholeNumber(1, 65_535, fallback);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

// 32 random bytes, as 64 hex characters or base64: `openssl rand -hex 32`.
const encryptionKey = z
  .string()
  .trim()
  .refine((value) => decodeKey(value) !== null, {
    message: "must be 32 bytes as 64 hex characters or base64 (generate one with `openssl rand -hex 32`)",
  });

const rawEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(3000),
  SANDBOX_PORT: port(4010),
  // The partner's brand as end users see it.
  PARTNER_NAME: z.string().trim().min(1).max(60).default("Northwind Crypto"),
  // Public origin of the app, for links and auth callbacks behind a proxy.
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),

  SFOX_API_KEY: optionalText,
  SFOX_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  SFOX_WS_URL: z.url({ protocol: /^wss?$/ }).optional(),
  SANDBOX_API_KEY: z.string().min(1).default("sandbox-key"),

  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),

  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  TOKEN_ENCRYPTION_KEY: encryptionKey.optional(),

  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),

  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Behind a load balancer that sets X-Forwarded-For: trust it for client addresses.
  TRUST_PROXY: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("false"),
  SFOX_TIMEOUT_MS: wholeNumber(100, 120_000, 10_000),
});

type RawEnv = z.infer<typeof rawEnvSchema>;

export type SfoxMode = "sandbox" | "live";

export interface AppEnv {
  nodeEnv: RawEnv["NODE_ENV"];
  port: number;
  appUrl: string;
  partnerName: string;
  sfox: {
    mode: SfoxMode;
    apiUrl: string;
    wsUrl: string;
    apiKey: string;
    timeoutMs: number;
  };
  sandboxPort: number;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string | undefined;
  tokenEncryptionKey: Buffer | undefined;
  admin: { email: string; password: string } | undefined;
  logLevel: RawEnv["LOG_LEVEL"];
  trustProxy: boolean;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value, "base64");
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** Validates a set of variables; exported for the start script and tests. Throws `EnvError`. */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  // Empty strings mean "not set", as in most dotenv files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = rawEnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const raw = result.data;
  const problems: string[] = [];

  const mode: SfoxMode = raw.SFOX_API_KEY ? "live" : "sandbox";
  const sandboxOrigin = `127.0.0.1:${raw.SANDBOX_PORT}`;
  const sfox = {
    mode,
    apiUrl: stripTrailingSlash(raw.SFOX_API_URL ?? (mode === "live" ? "https://api.sfox.com" : `http://${sandboxOrigin}`)),
    wsUrl: raw.SFOX_WS_URL ?? (mode === "live" ? "wss://ws.sfox.com/ws" : `ws://${sandboxOrigin}/ws`),
    apiKey: raw.SFOX_API_KEY ?? raw.SANDBOX_API_KEY,
    timeoutMs: raw.SFOX_TIMEOUT_MS,
  };

  if (mode === "live" && raw.NODE_ENV === "production") {
    // Against the real sFOX, secrets must be chosen by the operator, never generated on the fly.
    if (!raw.SESSION_SECRET) problems.push("SESSION_SECRET: is required when SFOX_API_KEY is set");
    if (!raw.TOKEN_ENCRYPTION_KEY) problems.push("TOKEN_ENCRYPTION_KEY: is required when SFOX_API_KEY is set");
  }
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    problems.push("ADMIN_EMAIL / ADMIN_PASSWORD: set both or neither");
  }
  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    appUrl: stripTrailingSlash(raw.APP_URL ?? `http://localhost:${raw.PORT}`),
    partnerName: raw.PARTNER_NAME,
    sfox,
    sandboxPort: raw.SANDBOX_PORT,
    dataDir: raw.DATA_DIR,
    databaseUrl: raw.DATABASE_URL,
    sessionSecret: raw.SESSION_SECRET,
    tokenEncryptionKey: raw.TOKEN_ENCRYPTION_KEY ? (decodeKey(raw.TOKEN_ENCRYPTION_KEY) ?? undefined) : undefined,
    admin: raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD } : undefined,
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY === "true",
  };
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

let cached: AppEnv | undefined;

/**
 * The validated configuration of this process. Read lazily (not at import) so that `next build`,
 * which imports server modules, never needs runtime secrets.
 */
export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** A secret that must exist at run time; says which variable is missing instead of failing later. */
export function requireSecret<K extends "sessionSecret" | "tokenEncryptionKey">(key: K): NonNullable<AppEnv[K]> {
  const value = getEnv()[key];
  if (value === undefined) {
    const variable = key === "sessionSecret" ? "SESSION_SECRET" : "TOKEN_ENCRYPTION_KEY";
    throw new EnvError([`${variable}: is required (npm start generates one in sandbox mode; set it in production)`]);
  }
  return value as NonNullable<AppEnv[K]>;
}
