import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("env", () => {
  it("runs against the local sandbox with no configuration at all", () => {
    const env = parseEnv({});
    expect(env.sfox).toMatchObject({ mode: "sandbox", apiUrl: "http://127.0.0.1:4010", wsUrl: "ws://127.0.0.1:4010/ws", apiKey: "sandbox-key" });
    expect(env.port).toBe(3000);
    expect(env.dataDir).toBe(".data");
    expect(env.databaseUrl).toBeUndefined();
    expect(env.sfox.timeoutMs).toBe(10_000);
  });

  it("follows PORT and SANDBOX_PORT", () => {
    const env = parseEnv({ PORT: "3100", SANDBOX_PORT: "4110" });
    expect(env.port).toBe(3100);
    expect(env.sfox.apiUrl).toBe("http://127.0.0.1:4110");
    expect(env.appUrl).toBe("http://localhost:3100");
  });

  it("talks to the real sFOX when a key is set", () => {
    const env = parseEnv({ SFOX_API_KEY: "live-key" });
    expect(env.sfox).toMatchObject({ mode: "live", apiUrl: "https://api.sfox.com", wsUrl: "wss://ws.sfox.com/ws", apiKey: "live-key" });
  });

  it("names the variable of each bad value", () => {
    expect(problemsOf({ PORT: "eighty" })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ SANDBOX_PORT: "70000" })[0]).toMatch(/^SANDBOX_PORT:/);
    expect(problemsOf({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL: must be a postgres/);
    expect(problemsOf({ SFOX_WS_URL: "http://x" })[0]).toMatch(/^SFOX_WS_URL:/);
    expect(problemsOf({ TOKEN_ENCRYPTION_KEY: "short" })[0]).toMatch(/^TOKEN_ENCRYPTION_KEY: must be 32 bytes/);
    expect(problemsOf({ SESSION_SECRET: "short" })[0]).toMatch(/^SESSION_SECRET: must be at least 32/);
    expect(problemsOf({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL:/);
    expect(problemsOf({ ADMIN_EMAIL: "admin@example.com" })[0]).toMatch(/^ADMIN_EMAIL \/ ADMIN_PASSWORD: set both/);
  });

  it("reports every problem at once", () => {
    expect(problemsOf({ PORT: "x", SANDBOX_PORT: "y" })).toHaveLength(2);
  });

  it("requires operator-chosen secrets against the real sFOX in production", () => {
    const problems = problemsOf({ NODE_ENV: "production", SFOX_API_KEY: "live-key" });
    expect(problems).toEqual([
      "SESSION_SECRET: is required when SFOX_API_KEY is set",
      "TOKEN_ENCRYPTION_KEY: is required when SFOX_API_KEY is set",
    ]);
  });

  it("decodes the encryption key from hex or base64", () => {
    const hex = "ab".repeat(32);
    expect(parseEnv({ TOKEN_ENCRYPTION_KEY: hex }).tokenEncryptionKey?.toString("hex")).toBe(hex);
    const base64 = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ TOKEN_ENCRYPTION_KEY: base64 }).tokenEncryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ SFOX_API_KEY: "", DATABASE_URL: "" }).sfox.mode).toBe("sandbox");
  });
});

describe("env messages", () => {
  it("explains number ranges in plain words", () => {
    expect(problemsOf({ PORT: "eighty" })).toEqual(["PORT: must be a whole number from 1 to 65535"]);
    expect(problemsOf({ SFOX_TIMEOUT_MS: "5" })).toEqual(["SFOX_TIMEOUT_MS: must be a whole number from 100 to 120000"]);
  });
});
