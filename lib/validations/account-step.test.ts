import { describe, expect, it } from "vitest";
import { accountStepSchema } from "@/lib/validations/account-step";

const base = { account_type: "individual", account_role: "client", account_purpose: "Investing" };

function pathsOf(value: unknown) {
  return accountStepSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
}

describe("accountStepSchema", () => {
  it("accepts an individual and a corporation with their purposes", () => {
    expect(pathsOf(base)).toBeUndefined();
    expect(pathsOf({ ...base, account_type: "corporation", account_purpose: "Operating" })).toBeUndefined();
    expect(pathsOf({ ...base, account_purpose: "Other" })).toBeUndefined();
    expect(pathsOf({ ...base, account_type: "corporation", account_purpose: "Other" })).toBeUndefined();
  });

  it("refuses a purpose of the other account type on account_purpose", () => {
    expect(pathsOf({ ...base, account_purpose: "Operating" })).toEqual(["account_purpose"]);
    expect(pathsOf({ ...base, account_type: "corporation", account_purpose: "Investing" })).toEqual([
      "account_purpose",
    ]);
  });

  it("takes lower-case type and role only", () => {
    expect(pathsOf({ ...base, account_type: "Individual" })).toEqual(["account_type"]);
    expect(pathsOf({ ...base, account_role: "Advisor" })).toEqual(["account_role"]);
  });

  it("takes an optional advisor_user_id, absent or null", () => {
    expect(pathsOf({ ...base, advisor_user_id: null })).toBeUndefined();
    expect(pathsOf({ ...base, advisor_user_id: "advisor_account_1" })).toBeUndefined();
    expect(pathsOf({ ...base, advisor_user_id: "advisor account" })).toEqual(["advisor_user_id"]);
  });

  it("takes an optional source_of_funds of 1-100 chars", () => {
    expect(pathsOf({ ...base, source_of_funds: "Salary" })).toBeUndefined();
    expect(pathsOf({ ...base, source_of_funds: "" })).toEqual(["source_of_funds"]);
    expect(pathsOf({ ...base, source_of_funds: "s".repeat(101) })).toEqual(["source_of_funds"]);
    expect(pathsOf({ ...base, source_of_funds: null })).toEqual(["source_of_funds"]);
  });
});
