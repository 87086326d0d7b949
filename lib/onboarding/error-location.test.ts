import { describe, expect, it } from "vitest";
import { locateField } from "./error-location";

describe("locating sFOX errors in the wizard", () => {
  it("maps each payload path to the step and form field that asked for it", () => {
    expect(locateField("advisor_user_id")).toEqual({ step: "account", name: "advisor_user_id" });
    expect(locateField("phone_number")).toEqual({ step: "contact", name: "phone_number" });
    expect(locateField("individual.residential_postal_code")).toEqual({ step: "identity", name: "individual.residential_postal_code" });
    expect(locateField("business.website")).toEqual({ step: "business", name: "business.website" });
    expect(locateField("beneficial_owners[1].dob")).toEqual({ step: "owners", name: "beneficial_owners.1.dob" });
    expect(locateField("beneficial_owners[0].ssn")).toEqual({ step: "owners", name: "beneficial_owners.0.id_number" });
  });

  it("leaves paths no step asks for to a form-level message", () => {
    expect(locateField("user_id")).toBeNull();
    expect(locateField("")).toBeNull();
  });
});
