import { describe, expect, it } from "vitest";
import { findSecrets } from "./secrets-scan";

describe("findSecrets", () => {
  const needles = [
    { kind: "user_token", value: "ab".repeat(32) },
    { kind: "SSN used by the tests", value: "536284917" },
  ];

  it("names what was found and where, never the value", () => {
    const findings = findSecrets(
      [
        { name: "server.log", text: `{"event":"x","token":"${"ab".repeat(32)}"}` },
        { name: "chunk.js", text: "const a = 1;" },
        { name: "users row", text: "(u1,536284917)" },
      ],
      needles,
    );
    expect(findings).toEqual([
      { kind: "user_token", source: "server.log" },
      { kind: "SSN used by the tests", source: "users row" },
    ]);
  });

  it("finds nothing in clean text, and ignores needles too short to mean anything", () => {
    expect(findSecrets([{ name: "page", text: "0123456789 abc" }], [...needles, { kind: "empty", value: "" }])).toEqual([]);
  });
});
