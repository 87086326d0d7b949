import { describe, expect, it } from "vitest";
import { redact } from "./log";

describe("log redaction", () => {
  it("replaces secrets and government ids wherever they are", () => {
    const fields = {
      userId: "u1",
      apiKey: "live-key",
      user_token: { token: "abc", expires: "x" },
      nested: { individual: { id_number: "123456789", dob: "1990-01-01" }, owners: [{ ssn: "987654321" }] },
      otp: "123456",
      headers: { authorization: "Bearer live-key", cookie: "s=1" },
    };
    const text = JSON.stringify(redact(fields));
    expect(text).not.toMatch(/live-key|abc|123456789|987654321|123456|s=1/);
    expect(text).toContain('"userId":"u1"');
    expect(text).toContain('"dob":"1990-01-01"');
  });
});
