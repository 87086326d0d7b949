import type { FormStep } from "./steps";

const CONTACT_FIELDS = new Set(["first_name", "last_name", "email", "phone_country_code", "phone_number"]);
const ACCOUNT_FIELDS = new Set(["account_type", "account_role", "account_purpose", "advisor_user_id", "source_of_funds"]);

/**
 * Where in the wizard a payload path lives: sFOX's `beneficial_owners[1].dob` becomes the owners
 * step's form field `beneficial_owners.1.dob`. Null for paths no step asks for (e.g. `user_id`).
 */
export function locateField(path: string): { step: FormStep; name: string } | null {
  const name = path.replace(/\[(\d+)\]/g, ".$1");
  const root = name.split(".")[0] ?? "";
  if (ACCOUNT_FIELDS.has(root)) return { step: "account", name };
  if (CONTACT_FIELDS.has(root)) return { step: "contact", name };
  if (root === "individual") return { step: "identity", name };
  if (root === "business") return { step: "business", name };
  if (root === "beneficial_owners") {
    // sFOX's alias spellings land on the fields the wizard shows.
    return { step: "owners", name: name.replace(/\.ssn$/, ".id_number").replace(/\.id_issuing_country$/, ".id_country_code") };
  }
  return null;
}
