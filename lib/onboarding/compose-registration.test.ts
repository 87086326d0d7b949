import { describe, expect, it } from "vitest";
import { REQUIRED_MESSAGE } from "@/lib/validations/messages";
import { registrationPayloadSchema } from "@/lib/validations/registration";
import { registrationCases } from "@/test/fixtures/registration-cases";
import { readDraft, withStepSaved } from "./draft";
import { composeRegistration } from "./compose-registration";

function fixture(name: RegExp): Record<string, unknown> {
  const found = registrationCases.find((item) => item.valid && name.test(item.name));
  if (!found) throw new Error(`no fixture ${name}`);
  return structuredClone(found.payload) as Record<string, unknown>;
}

/** Saves a valid wire payload through the wizard's steps, as a user would fill them in. */
function draftFrom(payload: Record<string, unknown>, percentages: number[] = []) {
  const { account_type, account_role, account_purpose, advisor_user_id, first_name, last_name, email, phone_country_code, phone_number } =
    payload;
  let draft = readDraft({});
  draft = withStepSaved(draft, "account", { account_type, account_role, account_purpose, advisor_user_id });
  draft = withStepSaved(draft, "contact", { first_name, last_name, email, phone_country_code, phone_number });
  if (payload.individual) draft = withStepSaved(draft, "identity", { individual: payload.individual });
  if (payload.business) draft = withStepSaved(draft, "business", { business: payload.business });
  if (payload.beneficial_owners) {
    const owners = (payload.beneficial_owners as Array<Record<string, unknown>>).map((owner, index) => ({
      ...owner,
      ownership_percentage: percentages[index] ?? 30,
    }));
    draft = withStepSaved(draft, "owners", { beneficial_owners: owners });
  }
  return draft;
}

describe("composing the registration", () => {
  it("rebuilds a valid individual payload from the stored answers and the id number in memory", () => {
    const payload = fixture(/^US individual with ssn$/);
    const idNumber = (payload.individual as { id_number: string }).id_number;
    const composed = composeRegistration("nw_user", draftFrom(payload), { individual: idNumber });
    expect(registrationPayloadSchema.safeParse(composed).success).toBe(true);
    expect(composed).toMatchObject({ user_id: "nw_user", individual: { id_number: idNumber } });
  });

  it("reports a missing id number on its field instead of inventing one", () => {
    const composed = composeRegistration("nw_user", draftFrom(fixture(/^US individual with ssn$/)), {});
    const paths = registrationPayloadSchema.safeParse(composed).error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(["individual.id_number"]);
  });

  it("reports an id number the tab no longer holds (sent as empty) as missing, not as malformed", () => {
    const individual = composeRegistration("nw_user", draftFrom(fixture(/^US individual with ssn$/)), { individual: "" });
    const corporation = composeRegistration("nw_corp", draftFrom(fixture(/^corporation with two owners/), [60, 40]), { owners: ["", ""] });
    for (const composed of [individual, corporation]) {
      const issues = registrationPayloadSchema.safeParse(composed).error?.issues ?? [];
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.path.at(-1)).toBe("id_number");
        expect(issue.message).toBe(REQUIRED_MESSAGE);
      }
    }
  });

  it("rebuilds a corporation with its owners, without the ownership share sFOX does not take", () => {
    const payload = fixture(/^corporation with two owners/);
    const owners = payload.beneficial_owners as Array<{ id_number?: string; ssn?: string }>;
    const ids = owners.map((owner) => owner.id_number ?? owner.ssn ?? "");
    const composed = composeRegistration("nw_corp", draftFrom(payload, [60, 40]), { owners: ids });
    const parsed = registrationPayloadSchema.safeParse(composed);
    expect(parsed.success).toBe(true);
    expect(JSON.stringify(composed)).not.toContain("ownership_percentage");
  });

  it("links an advisor only for clients", () => {
    const payload = { ...fixture(/^US individual with ssn$/), advisor_user_id: "adv_1" };
    const asClient = composeRegistration("u", draftFrom(payload), {});
    const asAdvisor = composeRegistration("u", draftFrom({ ...payload, account_role: "advisor" }), {});
    expect(asClient).toHaveProperty("advisor_user_id", "adv_1");
    expect(asAdvisor).not.toHaveProperty("advisor_user_id");
  });
});
