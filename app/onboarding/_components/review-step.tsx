import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { OnboardingDraft, StoredOwner } from "@/lib/onboarding/draft";
import { countryName } from "@/lib/i18n/country-name";
import { US_STATES } from "@/lib/validations/us-states";
import { IdNumberStatus } from "./id-number-status";
import { ReviewGroup, type ReviewRow } from "./review-group";
import { StepHeading } from "./step-heading";
import { SubmitRegistration } from "./submit-registration";

const phone = (value: string | undefined) => (value ? (parsePhoneNumberFromString(value)?.formatInternational() ?? value) : "");
const yesNo = (value: boolean | undefined) => (value === undefined ? "" : value ? "Yes" : "No");
const region = (country: string | undefined, value: string | undefined) =>
  country === "US" ? (US_STATES.find((state) => state.code === value)?.name ?? value) : value;

function address(lines: Array<string | undefined>) {
  return (
    <span className="whitespace-pre-line">
      {lines.filter((line) => line && line.trim()).join("\n")}
    </span>
  );
}

/** Every answer grouped by step, then consent and Submit. */
export function ReviewStep({ draft }: { draft: OnboardingDraft }) {
  const account = draft.account;
  const contact = draft.contact;
  const isCorporation = account?.account_type === "corporation";

  const accountRows: ReviewRow[] = [
    { label: "Account for", value: isCorporation ? "A company or organisation" : "An individual" },
    { label: "Role", value: account?.account_role === "advisor" ? "Advisor" : "Client" },
    { label: "Main purpose", value: account?.account_purpose },
  ];
  if (account?.account_role === "client" && account.advisor_user_id) {
    accountRows.push({ label: "Advisor's account ID", value: account.advisor_user_id });
  }

  return (
    <>
      <StepHeading description="Check your answers. You can change any of them before you submit.">Review your application</StepHeading>
      <div className="space-y-6">
        <ReviewGroup step="account" rows={accountRows} />
        <ReviewGroup
          step="contact"
          rows={[
            { label: "Name", value: `${contact?.first_name ?? ""} ${contact?.last_name ?? ""}` },
            { label: "Email", value: contact?.email },
            { label: "Mobile phone", value: phone(contact?.phone_number) },
          ]}
        />
        {isCorporation ? <BusinessGroups draft={draft} /> : <IdentityGroup draft={draft} />}
        <SubmitRegistration ownerCount={draft.owners?.beneficial_owners.length ?? 0} isCorporation={isCorporation} />
      </div>
    </>
  );
}

function IdentityGroup({ draft }: { draft: OnboardingDraft }) {
  const person = draft.identity?.individual;
  return (
    <ReviewGroup
      step="identity"
      rows={[
        { label: "Date of birth", value: person?.dob },
        {
          label: "Home address",
          value: address([
            person?.residential_address,
            person?.residential_city,
            `${region(person?.residential_country_code, person?.residential_state) ?? ""} ${person?.residential_postal_code ?? ""}`,
            countryName(person?.residential_country_code),
          ]),
        },
        { label: "Id", value: person?.id_type === "ssn" ? "Social Security number" : `Passport issued by ${countryName(person?.id_country_code)}` },
        { label: "Id number", value: <IdNumberStatus holder="individual" /> },
      ]}
    />
  );
}

function BusinessGroups({ draft }: { draft: OnboardingDraft }) {
  const business = draft.business?.business;
  const owners = draft.owners?.beneficial_owners ?? [];
  return (
    <>
      <ReviewGroup
        step="business"
        rows={[
          { label: "Legal name", value: business?.entity_name },
          { label: "Organisation type", value: business?.organization_type },
          { label: "Business type", value: business?.business_type },
          { label: "Registration number", value: business?.registration_number?.toString() },
          { label: "Description", value: business?.description },
          ...(business?.website ? [{ label: "Website", value: business.website }] : []),
          {
            label: "Incorporated",
            value: `${countryName(business?.incorporation_country)}${business?.incorporation_state ? `, ${region(business?.incorporation_country, business?.incorporation_state)}` : ""}, on ${business?.incorporation_date ?? ""}`,
          },
          {
            label: "Principal place of business",
            value: address([
              business?.principal_place_address,
              business?.principal_place_city,
              `${region(business?.principal_place_country, business?.principal_place_state) ?? ""} ${business?.principal_place_postal_code ?? ""}`,
              countryName(business?.principal_place_country),
            ]),
          },
          { label: "Accredited investor", value: yesNo(business?.accredited_investor) },
          { label: "Non-agent intermediary", value: yesNo(business?.non_agent_intermediary) },
        ]}
      />
      <ReviewGroup step="owners" rows={[]}>
        <ol className="mt-3 space-y-4">
          {owners.map((owner, index) => (
            <li key={index} className="rounded-lg bg-gray-50 p-4">
              <OwnerSummary owner={owner} index={index} />
            </li>
          ))}
        </ol>
      </ReviewGroup>
    </>
  );
}

function OwnerSummary({ owner, index }: { owner: StoredOwner; index: number }) {
  const name = [owner.first_name, owner.middle_name, owner.last_name].filter(Boolean).join(" ");
  return (
    <>
      <h3 className="font-semibold">
        {name} <span className="font-normal text-ink-muted">· owns {owner.ownership_percentage}%</span>
      </h3>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-ink-muted">Email</dt>
        <dd>{owner.email}</dd>
        <dt className="text-ink-muted">Phone</dt>
        <dd>{phone(owner.phone_number)}</dd>
        <dt className="text-ink-muted">Date of birth</dt>
        <dd>{owner.dob}</dd>
        <dt className="text-ink-muted">Address</dt>
        <dd>
          {address([
            owner.address_street1,
            owner.address_street2,
            owner.address_city,
            `${region(owner.address_country_code, owner.address_subdivision) ?? ""} ${owner.address_postal_code}`,
            countryName(owner.address_country_code),
          ])}
        </dd>
        <dt className="text-ink-muted">Id</dt>
        <dd>
          {owner.id_type === "ssn" ? "SSN" : `Passport (${countryName(owner.id_country_code)})`} · <IdNumberStatus holder="owner" index={index} />
        </dd>
      </dl>
    </>
  );
}
