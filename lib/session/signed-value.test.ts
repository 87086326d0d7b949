import { describe, expect, it } from "vitest";
import { signValue, verifySignedValue } from "./signed-value";

const secret = "s".repeat(32);

describe("signed values", () => {
  it("round-trips a value signed with the secret", () => {
    expect(verifySignedValue(signValue("1b4e28ba-2fa1-11d2-883f-0016d3cca427", secret), secret)).toBe(
      "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    );
  });

  it("refuses a changed value, a changed signature, another secret and junk", () => {
    const signed = signValue("session-a", secret);
    expect(verifySignedValue(signed.replace("session-a", "session-b"), secret)).toBeNull();
    expect(verifySignedValue(`${signed.slice(0, -1)}${signed.endsWith("A") ? "B" : "A"}`, secret)).toBeNull();
    expect(verifySignedValue(signed, "t".repeat(32))).toBeNull();
    expect(verifySignedValue("session-a", secret)).toBeNull();
    expect(verifySignedValue(".abc", secret)).toBeNull();
    expect(verifySignedValue(undefined, secret)).toBeNull();
  });
});
