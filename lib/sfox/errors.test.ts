import { describe, expect, it } from "vitest";
import { SfoxError, fieldNamedIn, isSfoxError, parseRetryAfter } from "./errors";
import { backoffDelay } from "./transport";

describe("SfoxError", () => {
  it("finds the field a validation message names", () => {
    expect(fieldNamedIn("individual.residential_postal_code: must be exactly 5 digits")).toBe("individual.residential_postal_code");
    expect(fieldNamedIn("beneficial_owners[1].dob: is required")).toBe("beneficial_owners[1].dob");
    expect(fieldNamedIn("advisor_user_id: no advisor with this user_id")).toBe("advisor_user_id");
    expect(fieldNamedIn("Email already verified")).toBeNull();
    expect(fieldNamedIn("Can not disable account with non-zero balances. Please remove all balances and try again.")).toBeNull();
  });

  it("marks only transient failures as worth retrying", () => {
    const http = (status: number) => new SfoxError({ kind: "http", status, message: "x" });
    expect([429, 500, 502, 503, 504].map((status) => http(status).retryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 409, 422].map((status) => http(status).retryable)).toEqual([false, false, false, false, false]);
    expect(new SfoxError({ kind: "timeout", message: "x" }).retryable).toBe(true);
    expect(new SfoxError({ kind: "network", message: "x" }).retryable).toBe(true);
    expect(new SfoxError({ kind: "invalid_response", status: 200, message: "x" }).retryable).toBe(false);
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("backoff", () => {
  const config = { backoffBaseMs: 250, backoffMaxMs: 5_000 };

  it("draws a random wait up to an exponentially growing, capped ceiling", () => {
    expect(backoffDelay(config, 1, null, () => 1)).toBe(500);
    expect(backoffDelay(config, 3, null, () => 1)).toBe(2000);
    expect(backoffDelay(config, 10, null, () => 1)).toBe(5000);
    expect(backoffDelay(config, 3, null, () => 0)).toBe(0);
  });

  it("waits at least what sFOX asked for, within the cap", () => {
    expect(backoffDelay(config, 1, 2_000, () => 0)).toBe(2000);
    expect(backoffDelay(config, 1, 60_000, () => 0)).toBe(5000);
  });
});

describe("isSfoxError", () => {
  it("recognises an SfoxError by its brand, even from another copy of the class", () => {
    const error = new SfoxError({ kind: "http", status: 422, message: "otp: invalid code" });
    expect(isSfoxError(error)).toBe(true);
    const fromAnotherGraph = Object.assign(new Error("x"), { [Symbol.for("sfox-onboarding.SfoxError")]: true });
    expect(isSfoxError(fromAnotherGraph)).toBe(true);
    expect(isSfoxError(new Error("plain"))).toBe(false);
    expect(isSfoxError({ status: 422 })).toBe(false);
    expect(isSfoxError(null)).toBe(false);
  });
});
