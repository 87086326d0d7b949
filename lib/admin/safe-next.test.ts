import { describe, expect, it } from "vitest";
import { safeAdminPath, signInPath } from "./safe-next";

describe("safeAdminPath", () => {
  it("keeps a back-office path with its query", () => {
    expect(safeAdminPath("/admin")).toBe("/admin");
    expect(safeAdminPath("/admin/users/42?tab=events")).toBe("/admin/users/42?tab=events");
  });

  it.each([
    undefined,
    "",
    "admin",
    "https://evil.example/admin",
    "//evil.example/admin",
    "/\\evil.example",
    "/\t/evil.example/admin",
    "/administrator",
    "/onboarding",
    "/admin/../onboarding",
    "/admin/sign-in",
    "/admin/sign-in?next=/admin",
  ])("sends %j to the console home instead", (next) => {
    expect(safeAdminPath(next)).toBe("/admin");
  });
});

describe("signInPath", () => {
  it("names where to come back to", () => {
    expect(signInPath("/admin")).toBe("/admin/sign-in?next=%2Fadmin");
    expect(signInPath("/admin/users?q=a&b=c")).toBe("/admin/sign-in?next=%2Fadmin%2Fusers%3Fq%3Da%26b%3Dc");
  });
});
