/**
 * The soak's simulated applicants: what each one types into the wizard, step by step, built from
 * the shared valid registration fixtures (test/fixtures/registration-cases.ts) with a unique email
 * and phone number per person. Every fourth is a corporation (email code only), the others US
 * individuals (email, then SMS).
 */
import { registrationCases } from "../../test/fixtures/registration-cases";

type Json = Record<string, unknown>;
export type FormStepName = "account" | "contact" | "identity" | "business" | "owners";

export interface Applicant {
  index: number;
  accountType: "individual" | "corporation";
  email: string;
  phoneNumber: string;
  /** The form steps in the wizard's order, with the values the browser would send. */
  steps: Array<[FormStepName, Json]>;
  /** What the review step submits: consent and the government ids the browser kept in memory. */
  submission: { consent: true; ids: { individual?: string; owners?: string[] } };
}

function fixture(name: string): Json {
  const found = registrationCases.find((item) => item.valid && item.name === name);
  if (!found) throw new Error(`no valid registration fixture named "${name}"`);
  return structuredClone(found.payload) as Json;
}

const individual = fixture("US individual with ssn");
const corporation = fixture("corporation with two owners, one per id spelling");

export function applicant(index: number, run: string): Applicant {
  const isCorporation = index % 4 === 3;
  const base = isCorporation ? corporation : individual;
  const email = `soak-${run}-${index}@example.com`;
  // +1 415 555 1000 onwards: valid US numbers, distinct per applicant (the sandbox's outbox is read by recipient).
  const phoneNumber = `+1415555${String(1000 + index).padStart(4, "0")}`;
  const account = { account_type: base.account_type, account_role: "client", account_purpose: base.account_purpose };
  const contact = {
    first_name: base.first_name,
    last_name: `${String(base.last_name)} ${index}`,
    email,
    phone_country_code: "US",
    phone_number: phoneNumber,
  };
  if (!isCorporation) {
    const person = base.individual as Json;
    return {
      index,
      accountType: "individual",
      email,
      phoneNumber,
      steps: [
        ["account", account],
        ["contact", contact],
        ["identity", { individual: person }],
      ],
      submission: { consent: true, ids: { individual: String(person.id_number) } },
    };
  }
  // Both owners in the documented spelling (id_country_code / id_number), 60% and 40%.
  const [first, second] = base.beneficial_owners as [Json, Json];
  const { ssn, id_issuing_country: issuer, ...rest } = second;
  const owners: Json[] = [
    { ...first, ownership_percentage: 60 },
    { ...rest, id_country_code: issuer, id_number: ssn, ownership_percentage: 40 },
  ];
  return {
    index,
    accountType: "corporation",
    email,
    phoneNumber,
    steps: [
      ["account", account],
      ["contact", contact],
      ["business", { business: base.business }],
      ["owners", { beneficial_owners: owners }],
    ],
    submission: { consent: true, ids: { owners: owners.map((owner) => String(owner.id_number)) } },
  };
}
