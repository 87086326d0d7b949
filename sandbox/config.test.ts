// Configuration: defaults, parsing, and errors that name the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_CONFIG, loadConfig } from "./config";
import { countryCount } from "./formats";
import { redactPath } from "./log";

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    expect(loadConfig({})).toEqual({
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
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it("reads every variable", () => {
    const c = loadConfig({
      SANDBOX_PORT: "0",
      SANDBOX_HOST: "0.0.0.0",
      SANDBOX_API_KEY: "k",
      SANDBOX_REVIEW_MS: "5",
      SANDBOX_AUTO_REVIEW: "false",
      SANDBOX_STATE_FILE: "/tmp/x.json",
      SANDBOX_CODE_TTL_MS: "7",
      SANDBOX_CODE_COOLDOWN_MS: "0",
      SANDBOX_RATE_LIMIT: "3",
      SANDBOX_RATE_WINDOW_MS: "100",
      SANDBOX_RATE_BLOCK_MS: "200",
      SANDBOX_LOG: "0",
    });
    expect(c).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      apiKey: "k",
      reviewMs: 5,
      autoReview: false,
      stateFile: "/tmp/x.json",
      codeTtlMs: 7,
      codeCooldownMs: 0,
      rateLimit: 3,
      rateWindowMs: 100,
      rateBlockMs: 200,
      log: false,
    });
  });

  it.each([
    ["SANDBOX_PORT", "abc"],
    ["SANDBOX_PORT", "70000"],
    ["SANDBOX_PORT", "-1"],
    ["SANDBOX_REVIEW_MS", "1.5"],
    ["SANDBOX_AUTO_REVIEW", "maybe"],
    ["SANDBOX_CODE_TTL_MS", "0"],
    ["SANDBOX_RATE_LIMIT", "0"],
    ["SANDBOX_LOG", "off!"],
    ["SANDBOX_API_KEY", "has space"],
    ["SANDBOX_API_KEY", ""],
  ])("rejects %s=%j naming the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}: `));
  });
});

describe("small helpers", () => {
  it("knows the 249 assigned country codes", () => {
    expect(countryCount).toBe(249);
  });

  it("redacts query values from logged paths", () => {
    expect(redactPath("/v1/enterprise/users?accountRole=client&token=secret")).toBe(
      "/v1/enterprise/users?accountRole=…&token=…",
    );
    expect(redactPath("/v1/enterprise/users")).toBe("/v1/enterprise/users");
  });
});
