import { describe, expect, it } from "vitest";
import { readDraft, withStepSaved, withoutGovernmentIds } from "./draft";

describe("onboarding draft", () => {
  it("never keeps an individual's id number", () => {
    const stored = withoutGovernmentIds("identity", { individual: { dob: "1990-01-01", id_type: "ssn", id_number: "123456789" } });
    expect(stored).toEqual({ individual: { dob: "1990-01-01", id_type: "ssn" } });
    expect(JSON.stringify(stored)).not.toContain("123456789");
  });

  it("never keeps an owner's id number, whichever spelling", () => {
    const stored = withoutGovernmentIds("owners", {
      beneficial_owners: [
        { first_name: "A", id_number: "987654321" },
        { first_name: "B", ssn: "123456789", id_issuing_country: "US" },
      ],
    });
    expect(JSON.stringify(stored)).not.toMatch(/987654321|123456789/);
    expect(stored).toEqual({ beneficial_owners: [{ first_name: "A" }, { first_name: "B", id_issuing_country: "US" }] });
  });

  it("marks steps complete as they are saved", () => {
    let draft = readDraft({});
    draft = withStepSaved(draft, "account", { account_type: "individual", account_role: "client", account_purpose: "Trading" });
    draft = withStepSaved(draft, "contact", { first_name: "Ada" });
    draft = withStepSaved(draft, "identity", { individual: { id_number: "123456789" } });
    expect(draft.completed).toEqual(["account", "contact", "identity"]);
    expect(JSON.stringify(draft)).not.toContain("123456789");
  });

  it("keeps only the shared steps when the account type changes", () => {
    let draft = readDraft({});
    draft = withStepSaved(draft, "account", { account_type: "individual", account_role: "client", account_purpose: "Trading" });
    draft = withStepSaved(draft, "contact", { first_name: "Ada" });
    draft = withStepSaved(draft, "identity", { individual: {} });
    draft = withStepSaved(draft, "account", { account_type: "corporation", account_role: "client", account_purpose: "Operating" });
    expect(draft.completed).toEqual(["contact", "account"]);
  });

  it("reads an empty or foreign value as a fresh draft", () => {
    expect(readDraft(null)).toEqual({ completed: [] });
    expect(readDraft({ completed: "junk" }).completed).toEqual([]);
  });
});
