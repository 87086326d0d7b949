import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

describe("secret box", () => {
  const key = randomBytes(32);
  const token = "a".repeat(32) + "0123456789abcdef0123456789abcdef";

  it("round-trips a token and never contains it in clear", () => {
    const sealed = seal(token, key);
    expect(sealed).not.toContain(token);
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(open(sealed, key)).toBe(token);
  });

  it("uses a fresh nonce for every seal", () => {
    expect(seal(token, key)).not.toBe(seal(token, key));
  });

  it("refuses another key", () => {
    expect(() => open(seal(token, key), randomBytes(32))).toThrow();
  });

  it("refuses a tampered ciphertext", () => {
    const parts = seal(token, key).split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => open(parts.join("."), key)).toThrow();
  });

  it("refuses malformed input and short keys", () => {
    expect(() => open("v2.a.b.c", key)).toThrow(/known version/);
    expect(() => open("garbage", key)).toThrow();
    expect(() => seal(token, randomBytes(16))).toThrow(/32 bytes/);
  });
});
