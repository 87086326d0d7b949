// register-account: every rule of docs/registration-rules.md with one passing and one failing
// case, the seed examples verbatim, duplicates, advisor links and the 202 shape.
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_BUSINESS_BODY, SEED_INDIVIDUAL_BODY } from "@/test/fixtures/seed-examples";
import type { SandboxHandle } from "./server";
import {
  corporation,
  get,
  individual,
  post,
  REGISTER,
  register,
  start,
  uniqueId,
  type Payload,
} from "./test-helpers";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

type Base = "ind" | "corp" | "gb" | "ca";

/** Valid base payloads: a US individual, a US corporation, a GB individual, a corporation with a Canadian owner. */
function base(kind: Base): Payload {
  if (kind === "ind") return individual();
  if (kind === "corp") return corporation();
  if (kind === "gb") {
    const p = individual();
    p.phone_country_code = "GB";
    p.phone_number = "+447911123456";
    p.individual = {
      dob: "1972-06-23",
      residential_country_code: "GB",
      residential_address: "10 Downing Street",
      residential_city: "London",
      residential_state: "Greater London",
      residential_postal_code: "SW1A2AA",
      id_type: "passport",
      id_number: "K12345678",
      id_country_code: "GB",
    };
    return p;
  }
  const p = corporation();
  p.beneficial_owners[0] = {
    first_name: "Marie",
    last_name: "Curie",
    email: "marie@example.ca",
    phone_number: "+14165550123",
    dob: "1980-11-07",
    address_country_code: "CA",
    address_subdivision: "ON",
    address_street1: "100 King Street West",
    address_city: "Toronto",
    address_postal_code: "M5X1A9",
    id_type: "passport",
    id_issuing_country: "CA",
    ssn: "AB123456",
  };
  return p;
}

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const seventeenYearsAgo = `${new Date().getUTCFullYear() - 17}-01-01`;

type Case = [name: string, base: Base, mutate: (p: Payload) => void, field?: string];

// One failing mutation per rule; `field` is the path the error must start with.
const failing: Case[] = [
  ["account_type unknown", "ind", (p) => (p.account_type = "business"), "account_type"],
  ["account_type missing", "ind", (p) => delete p.account_type, "account_type"],
  ["account_role title case", "ind", (p) => (p.account_role = "Client"), "account_role"],
  ["user_id bad char", "ind", (p) => (p.user_id = "a b"), "user_id"],
  ["user_id 65 chars", "ind", (p) => (p.user_id = "x".repeat(65)), "user_id"],
  ["user_id number", "ind", (p) => (p.user_id = 42), "user_id"],
  ["advisor_user_id bad format", "ind", (p) => (p.advisor_user_id = "a.b"), "advisor_user_id"],
  ["advisor_user_id unknown", "ind", (p) => (p.advisor_user_id = "nobody_here"), "advisor_user_id"],
  ["first_name blank", "ind", (p) => (p.first_name = "  "), "first_name"],
  ["first_name 101 chars", "ind", (p) => (p.first_name = "a".repeat(101)), "first_name"],
  ["last_name missing", "ind", (p) => delete p.last_name, "last_name"],
  ["email leading space", "ind", (p) => (p.email = " a@b.co"), "email"],
  ["email no domain dot", "ind", (p) => (p.email = "a@localhost"), "email"],
  ["email two @", "ind", (p) => (p.email = "a@b@c.co"), "email"],
  ["email local ..", "ind", (p) => (p.email = "a..b@c.co"), "email"],
  ["email label -", "ind", (p) => (p.email = "a@-b.co"), "email"],
  ["email TLD 1 letter", "ind", (p) => (p.email = "a@b.c"), "email"],
  [
    "email 255 chars",
    "ind",
    (p) => (p.email = `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(61)}`),
    "email",
  ],
  ["phone_country_code lower", "ind", (p) => (p.phone_country_code = "us"), "phone_country_code"],
  ["phone_country_code XK", "ind", (p) => (p.phone_country_code = "XK"), "phone_country_code"],
  ["phone not E.164", "ind", (p) => (p.phone_number = "4155552671"), "phone_number"],
  ["phone not possible", "ind", (p) => (p.phone_number = "+1415555267"), "phone_number"],
  ["phone calling code mismatch", "ind", (p) => (p.phone_country_code = "GB"), "phone_number"],
  ["account_purpose of the other type", "ind", (p) => (p.account_purpose = "Operating"), "account_purpose"],
  [
    "account_purpose corp with individual value",
    "corp",
    (p) => (p.account_purpose = "Trading"),
    "account_purpose",
  ],
  ["source_of_funds empty", "ind", (p) => (p.source_of_funds = ""), "source_of_funds"],
  ["source_of_funds 101", "ind", (p) => (p.source_of_funds = "s".repeat(101)), "source_of_funds"],
  ["individual missing", "ind", (p) => delete p.individual, "individual"],
  ["individual not an object", "ind", (p) => (p.individual = [1]), "individual"],
  ["individual on a corporation", "corp", (p) => (p.individual = individual().individual), "individual"],
  ["business on an individual", "ind", (p) => (p.business = corporation().business), "business"],
  ["beneficial_owners on an individual", "ind", (p) => (p.beneficial_owners = []), "beneficial_owners"],
  ["business missing", "corp", (p) => delete p.business, "business"],
  ["beneficial_owners missing", "corp", (p) => delete p.beneficial_owners, "beneficial_owners"],
  // individual
  ["dob under 18", "ind", (p) => (p.individual.dob = seventeenYearsAgo), "individual.dob"],
  ["dob impossible", "ind", (p) => (p.individual.dob = "1990-02-30"), "individual.dob"],
  ["dob before 1900", "ind", (p) => (p.individual.dob = "1899-12-31"), "individual.dob"],
  ["dob future", "ind", (p) => (p.individual.dob = tomorrow), "individual.dob"],
  ["dob format", "ind", (p) => (p.individual.dob = "10/15/1990"), "individual.dob"],
  [
    "residential_country_code alpha-3",
    "ind",
    (p) => (p.individual.residential_country_code = "USA"),
    "individual.residential_country_code",
  ],
  [
    "residential_address no letter",
    "ind",
    (p) => (p.individual.residential_address = "1234"),
    "individual.residential_address",
  ],
  [
    "residential_address 81",
    "ind",
    (p) => (p.individual.residential_address = "a".repeat(81)),
    "individual.residential_address",
  ],
  [
    "residential_city no letter",
    "ind",
    (p) => (p.individual.residential_city = "123"),
    "individual.residential_city",
  ],
  [
    "residential_city 101",
    "ind",
    (p) => (p.individual.residential_city = "a".repeat(101)),
    "individual.residential_city",
  ],
  [
    "residential_state bad US",
    "ind",
    (p) => (p.individual.residential_state = "California"),
    "individual.residential_state",
  ],
  [
    "residential_state blank non-US",
    "gb",
    (p) => (p.individual.residential_state = " "),
    "individual.residential_state",
  ],
  [
    "postal US 4 digits",
    "ind",
    (p) => (p.individual.residential_postal_code = "9410"),
    "individual.residential_postal_code",
  ],
  [
    "postal non-US space",
    "gb",
    (p) => (p.individual.residential_postal_code = "SW1A 2AA"),
    "individual.residential_postal_code",
  ],
  ["id_type unknown", "ind", (p) => (p.individual.id_type = "license"), "individual.id_type"],
  [
    "id_type ssn non-US",
    "gb",
    (p) => Object.assign(p.individual, { id_type: "ssn", id_number: "123456789", id_country_code: "US" }),
    "individual.id_type",
  ],
  ["id_number ssn 8 digits", "ind", (p) => (p.individual.id_number = "12345678"), "individual.id_number"],
  ["id_number passport 4", "gb", (p) => (p.individual.id_number = "K123"), "individual.id_number"],
  ["id_country_code bad", "gb", (p) => (p.individual.id_country_code = "UK"), "individual.id_country_code"],
  [
    "id_country_code not US for ssn",
    "ind",
    (p) => (p.individual.id_country_code = "CA"),
    "individual.id_country_code",
  ],
  // business
  ["entity_name blank", "corp", (p) => (p.business.entity_name = " "), "business.entity_name"],
  ["entity_name 201", "corp", (p) => (p.business.entity_name = "e".repeat(201)), "business.entity_name"],
  [
    "organization_type lower",
    "corp",
    (p) => (p.business.organization_type = "llc"),
    "business.organization_type",
  ],
  [
    "business_type half value",
    "corp",
    (p) => (p.business.business_type = "Robo-Advisor"),
    "business.business_type",
  ],
  [
    "registration_number negative",
    "corp",
    (p) => (p.business.registration_number = -1),
    "business.registration_number",
  ],
  [
    "registration_number space",
    "corp",
    (p) => (p.business.registration_number = "12 34"),
    "business.registration_number",
  ],
  [
    "registration_number bool",
    "corp",
    (p) => (p.business.registration_number = true),
    "business.registration_number",
  ],
  ["description blank", "corp", (p) => (p.business.description = "\n"), "business.description"],
  ["description 1001", "corp", (p) => (p.business.description = "d".repeat(1001)), "business.description"],
  ["website ftp", "corp", (p) => (p.business.website = "ftp://x.com"), "business.website"],
  ["website no host", "corp", (p) => (p.business.website = "https://"), "business.website"],
  [
    "website 201",
    "corp",
    (p) => (p.business.website = `https://x.com/${"a".repeat(187)}`),
    "business.website",
  ],
  [
    "incorporation_country bad",
    "corp",
    (p) => (p.business.incorporation_country = "us"),
    "business.incorporation_country",
  ],
  [
    "incorporation_state bad US",
    "corp",
    (p) => (p.business.incorporation_state = "ZZ"),
    "business.incorporation_state",
  ],
  [
    "incorporation_date future",
    "corp",
    (p) => (p.business.incorporation_date = tomorrow),
    "business.incorporation_date",
  ],
  [
    "principal_place_country bad",
    "corp",
    (p) => (p.business.principal_place_country = "XX"),
    "business.principal_place_country",
  ],
  [
    "principal_place_state bad US",
    "corp",
    (p) => (p.business.principal_place_state = "ny"),
    "business.principal_place_state",
  ],
  [
    "principal_place_address no letter",
    "corp",
    (p) => (p.business.principal_place_address = "1"),
    "business.principal_place_address",
  ],
  [
    "principal_place_city empty",
    "corp",
    (p) => (p.business.principal_place_city = ""),
    "business.principal_place_city",
  ],
  [
    "principal_place_postal_code US",
    "corp",
    (p) => (p.business.principal_place_postal_code = "1000"),
    "business.principal_place_postal_code",
  ],
  [
    "accredited_investor string",
    "corp",
    (p) => (p.business.accredited_investor = "true"),
    "business.accredited_investor",
  ],
  [
    "non_agent_intermediary missing",
    "corp",
    (p) => delete p.business.non_agent_intermediary,
    "business.non_agent_intermediary",
  ],
  // beneficial owners
  ["owners empty", "corp", (p) => (p.beneficial_owners = []), "beneficial_owners"],
  [
    "owners 11",
    "corp",
    (p) => (p.beneficial_owners = Array.from({ length: 11 }, () => p.beneficial_owners[0])),
    "beneficial_owners",
  ],
  ["owner not an object", "corp", (p) => (p.beneficial_owners = ["x"]), "beneficial_owners[0]"],
  [
    "owner first_name blank",
    "corp",
    (p) => (p.beneficial_owners[0].first_name = ""),
    "beneficial_owners[0].first_name",
  ],
  [
    "owner last_name missing",
    "corp",
    (p) => delete p.beneficial_owners[0].last_name,
    "beneficial_owners[0].last_name",
  ],
  [
    "owner middle_name 101",
    "corp",
    (p) => (p.beneficial_owners[0].middle_name = "m".repeat(101)),
    "beneficial_owners[0].middle_name",
  ],
  ["owner email", "corp", (p) => (p.beneficial_owners[0].email = "x@y"), "beneficial_owners[0].email"],
  [
    "owner phone",
    "corp",
    (p) => (p.beneficial_owners[0].phone_number = "+0123"),
    "beneficial_owners[0].phone_number",
  ],
  [
    "owner dob minor",
    "corp",
    (p) => (p.beneficial_owners[0].dob = seventeenYearsAgo),
    "beneficial_owners[0].dob",
  ],
  [
    "owner country",
    "corp",
    (p) => (p.beneficial_owners[0].address_country_code = "U"),
    "beneficial_owners[0].address_country_code",
  ],
  [
    "owner subdivision US",
    "corp",
    (p) => (p.beneficial_owners[0].address_subdivision = "XX"),
    "beneficial_owners[0].address_subdivision",
  ],
  [
    "owner subdivision non-US",
    "ca",
    (p) => (p.beneficial_owners[0].address_subdivision = "CA-ON"),
    "beneficial_owners[0].address_subdivision",
  ],
  [
    "owner street1",
    "corp",
    (p) => (p.beneficial_owners[0].address_street1 = "12"),
    "beneficial_owners[0].address_street1",
  ],
  [
    "owner street2 81",
    "corp",
    (p) => (p.beneficial_owners[0].address_street2 = "s".repeat(81)),
    "beneficial_owners[0].address_street2",
  ],
  [
    "owner city",
    "corp",
    (p) => (p.beneficial_owners[0].address_city = "9"),
    "beneficial_owners[0].address_city",
  ],
  [
    "owner postal",
    "ca",
    (p) => (p.beneficial_owners[0].address_postal_code = "M"),
    "beneficial_owners[0].address_postal_code",
  ],
  ["owner id_type", "corp", (p) => (p.beneficial_owners[0].id_type = "id"), "beneficial_owners[0].id_type"],
  ["owner ssn non-US", "ca", (p) => (p.beneficial_owners[0].id_type = "ssn"), "beneficial_owners[0].id_type"],
  [
    "owner id country missing",
    "corp",
    (p) => delete p.beneficial_owners[0].id_country_code,
    "beneficial_owners[0].id_country_code",
  ],
  [
    "owner id spellings differ",
    "ca",
    (p) => (p.beneficial_owners[0].id_country_code = "GB"),
    "beneficial_owners[0].id_country_code",
  ],
  [
    "owner id country not US for ssn",
    "corp",
    (p) => (p.beneficial_owners[0].id_country_code = "CA"),
    "beneficial_owners[0].id_country_code",
  ],
  [
    "owner id_number missing",
    "corp",
    (p) => delete p.beneficial_owners[0].id_number,
    "beneficial_owners[0].id_number",
  ],
  [
    "owner alias spelling too short for a passport",
    "ca",
    (p) => Object.assign(p.beneficial_owners[0], { id_type: "passport", ssn: "AB1" }),
    "beneficial_owners[0].id_number",
  ],
  [
    "owner number spellings differ",
    "ca",
    (p) => (p.beneficial_owners[0].id_number = "ZZ999999"),
    "beneficial_owners[0].id_number",
  ],
];

// One passing variant per rule (the bases themselves cover the plain cases).
const passing: Case[] = [
  ["corporation purpose Other", "corp", (p) => (p.account_purpose = "Other")],
  ["advisor_user_id null", "ind", (p) => (p.advisor_user_id = null)],
  ["unknown fields ignored", "ind", (p) => Object.assign(p, { extra: { deep: [1, 2] }, constructor: "x" })],
  [
    "names with accents and emoji",
    "ind",
    (p) => Object.assign(p, { first_name: "Zoë 🙂", last_name: "Ñandú" }),
  ],
  ["name 100 chars", "ind", (p) => (p.first_name = "a".repeat(100))],
  [
    "email 254 chars and specials",
    "ind",
    (p) =>
      (p.email = `a!#$%&'*+/=?^_\`{|}~-z@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(40)}`),
  ],
  [
    "CA phone country with +1",
    "gb",
    (p) => Object.assign(p, { phone_country_code: "CA", phone_number: "+14165550123" }),
  ],
  ["source_of_funds", "ind", (p) => (p.source_of_funds = "Salary")],
  ["GB individual with passport, free-text state", "gb", () => {}],
  [
    "US individual with passport from FR",
    "ind",
    (p) => Object.assign(p.individual, { id_type: "passport", id_number: "X1234567", id_country_code: "FR" }),
  ],
  ["dob exactly 1900-01-01", "gb", (p) => (p.individual.dob = "1900-01-01")],
  ["leap day dob", "gb", (p) => (p.individual.dob = "2000-02-29")],
  ["territory state GU", "ind", (p) => (p.individual.residential_state = "GU")],
  [
    "address 80 chars, non-ASCII city",
    "gb",
    (p) => Object.assign(p.individual, { residential_address: "a".repeat(80), residential_city: "Zürich" }),
  ],
  ["registration_number integer", "corp", (p) => (p.business.registration_number = 123456789)],
  [
    "Robo-Advisor value with comma",
    "corp",
    (p) => (p.business.business_type = "Robo-Advisor, or FX/CFD Provider"),
  ],
  ["website http", "corp", (p) => (p.business.website = "http://example.com/about")],
  [
    "incorporation today, non-US state text",
    "corp",
    (p) =>
      Object.assign(p.business, {
        incorporation_date: new Date().toISOString().slice(0, 10),
        incorporation_country: "CA",
        incorporation_state: "Ontario",
      }),
  ],
  ["owner non-US with alias spellings", "ca", () => {}],
  [
    "owner both spellings equal",
    "corp",
    (p) => Object.assign(p.beneficial_owners[0], { id_issuing_country: "US", ssn: "987654321" }),
  ],
  [
    "owner middle_name and street2 empty",
    "corp",
    (p) => Object.assign(p.beneficial_owners[0], { middle_name: "", address_street2: "" }),
  ],
  [
    "ten owners",
    "corp",
    (p) => (p.beneficial_owners = Array.from({ length: 10 }, () => p.beneficial_owners[0])),
  ],
];

describe("register-account rules", () => {
  it.each(failing)("refuses: %s", async (_name, kind, mutate, field) => {
    const p = base(kind);
    mutate(p);
    const r = await post(sb, REGISTER, p);
    expect(r.status).toBe(422);
    expect(r.json.error).toMatch(new RegExp(`^${(field ?? "").replace(/[[\].]/g, "\\$&")}: \\S`));
  });

  it.each(passing)("accepts: %s", async (_name, kind, mutate) => {
    const p = base(kind);
    mutate(p);
    const r = await post(sb, REGISTER, p);
    expect(r.json).toMatchObject({ data: { user_id: p.user_id } });
    expect(r.status).toBe(202);
  });

  it("the first broken rule wins", async () => {
    const p = individual();
    p.account_role = "boss";
    p.email = "bad";
    const r = await post(sb, REGISTER, p);
    expect(r.json.error).toMatch(/^account_role: /);
  });
});

describe("register-account behaviour", () => {
  it("accepts both seed example bodies verbatim: corporate advisor, then the individual linked to it", async () => {
    const fresh = await start();
    try {
      const corp = await post(fresh, REGISTER, SEED_BUSINESS_BODY, {
        headers: { "content-type": "application/json" },
      });
      expect(corp.status).toBe(202);
      expect(corp.json).toEqual({
        data: { user_id: "advisor_account_1", status: "Pending", requirements: { email: true, sms: false } },
      });
      // Sent without Content-Type, as sFOX's Python example does.
      const res = await fetch(`${fresh.url}${REGISTER}`, {
        method: "POST",
        headers: { authorization: "Bearer test-key" },
        body: SEED_INDIVIDUAL_BODY,
      });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({
        data: { user_id: "client_account_1", status: "Pending", requirements: { email: true, sms: true } },
      });
      const user = await get(fresh, "/v1/enterprise/users/client_account_1");
      expect(user.json.data.advisor_user_id).toBe("advisor_account_1");
    } finally {
      await fresh.close();
    }
  });

  it("refuses a duplicate user_id with 409", async () => {
    const p = individual();
    await register(sb, p);
    const again = await post(sb, REGISTER, { ...individual(), user_id: p.user_id });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ error: "user_id: already exists" });
  });

  it("requires advisor_user_id to name an existing advisor", async () => {
    const client = individual();
    await register(sb, client);
    const linkToClient = await post(sb, REGISTER, { ...individual(), advisor_user_id: client.user_id });
    expect(linkToClient.status).toBe(422);
    expect(linkToClient.json.error).toMatch(/^advisor_user_id: .*not an advisor/);

    const advisor: Payload = { ...individual(), account_role: "advisor" };
    await register(sb, advisor);
    const linked = await post(sb, REGISTER, { ...individual(), advisor_user_id: advisor.user_id });
    expect(linked.status).toBe(202);
  });

  it("answers 202 with Title-case status and the requirements of the account type", async () => {
    const ind = await register(sb, individual());
    expect(ind.json.data.status).toBe("Pending");
    expect(ind.json.data.requirements).toEqual({ email: true, sms: true });
    const corp = await register(sb, corporation());
    expect(corp.json.data.requirements).toEqual({ email: true, sms: false });
  });

  it("does not keep government id numbers (state file)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sandbox-reg-"));
    const file = join(dir, "state.json");
    const s = await start({ stateFile: file });
    try {
      const p = individual(uniqueId("ids"));
      p.individual.id_number = "555667777";
      const c = corporation();
      c.beneficial_owners[0].id_number = "444556666";
      await register(s, p);
      await register(s, c);
      await s.close();
      const text = await readFile(file, "utf8");
      expect(text).toContain(p.user_id);
      expect(text).not.toContain("555667777");
      expect(text).not.toContain("444556666");
      expect(text).not.toMatch(/id_number|"ssn"/);
    } finally {
      await s.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
