import { describe, expect, it } from "vitest";
import { describedBy, fieldId } from "@/components/ui/field-id";

describe("fieldId", () => {
  it("turns react-hook-form paths into ids", () => {
    expect(fieldId("email")).toBe("email");
    expect(fieldId("individual.dob")).toBe("individual-dob");
    expect(fieldId("beneficial_owners.1.dob")).toBe("beneficial_owners-1-dob");
  });

  it("never starts with a digit or contains selector characters", () => {
    expect(fieldId("0.name")).toBe("field-0-name");
    expect(fieldId("a[0].b c")).toBe("a-0-b-c");
  });
});

describe("describedBy", () => {
  it("names only the messages that are present", () => {
    expect(describedBy("x", {})).toBeUndefined();
    expect(describedBy("x", { hint: "h" })).toBe("x-hint");
    expect(describedBy("x", { error: "e" })).toBe("x-error");
    expect(describedBy("x", { hint: "h", error: "e" })).toBe("x-hint x-error");
  });
});
