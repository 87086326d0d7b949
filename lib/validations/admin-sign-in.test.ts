import { describe, expect, it } from "vitest";
import { adminSignInSchema } from "@/lib/validations/admin-sign-in";

function messagesOf(values: unknown): Array<[string, string]> {
  return (adminSignInSchema.safeParse(values).error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]);
}

describe("adminSignInSchema", () => {
  it("accepts a filled-in pair, trimming the email", () => {
    expect(adminSignInSchema.safeParse({ email: "  admin@example.com ", password: "x" })).toMatchObject({
      success: true,
      data: { email: "admin@example.com", password: "x" },
    });
  });

  it("asks for each empty field (spaces only count as empty in the email)", () => {
    expect(messagesOf({ email: "   ", password: "" })).toEqual([
      ["email", "Enter your email address"],
      ["password", "Enter your password"],
    ]);
  });

  it("explains a malformed email and an over-long password", () => {
    expect(messagesOf({ email: "admin", password: "x".repeat(129) })).toEqual([
      ["email", "Enter an email address like name@example.com"],
      ["password", "Passwords are at most 128 characters"],
    ]);
  });
});
