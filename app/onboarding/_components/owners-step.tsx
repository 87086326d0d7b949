"use client";

import { useEffect, useRef, useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { cx } from "@/components/ui/field";
import { fieldId } from "@/components/ui/field-id";
import { VisuallyHidden } from "@/components/ui/visually-hidden";
import type { StoredOwner } from "@/lib/onboarding/draft";
import { MAX_OWNERS, MAX_TOTAL_OWNERSHIP_PERCENTAGE, MIN_OWNERSHIP_PERCENTAGE } from "@/lib/validations/limits";
import type { ContactStepInput } from "@/lib/validations/contact-step";
import { OwnerFieldset, ownerLegendId, type OwnersForm, type OwnerValues } from "./owner-fieldset";
import { StepForm } from "./step-form";
import { StepHeading } from "./step-heading";
import { useStepForm } from "./use-step-form";
import { useWizardMemory } from "./wizard-provider";

const CONTACT_FIELDS = ["first_name", "last_name", "email", "phone_number"] as const;
const ADD_HINT_ID = "add-owner-hint";

/** A new, empty owner: the schema says what is missing. */
function blankOwner(): OwnerValues {
  const blank: Partial<OwnerValues> = { phone_number: "", id_number: "" };
  return blank as OwnerValues;
}

export function OwnersStep({
  defaults,
  contact,
  returnTo,
}: {
  defaults: StoredOwner[];
  contact: ContactStepInput | undefined;
  returnTo?: string;
}) {
  const memory = useWizardMemory();
  const { form, ...step } = useStepForm({
    step: "owners",
    loadSchema: () => import("@/lib/validations/beneficial-owners-step").then((rules) => rules.beneficialOwnersFormSchema),
    defaultValues: {
      beneficial_owners: defaults.length
        ? defaults.map((owner, index) => ({ ...owner, id_number: memory.ownerIds[index] ?? "" }))
        : [blankOwner()],
    },
    returnTo,
    // Id numbers are never stored by the server: this tab keeps them for the review step to submit.
    onSaved: (values) =>
      memory.rememberOwnerIds(values.beneficial_owners.map((owner) => owner.id_number ?? "")),
  });
  const { control, getValues, setValue, getFieldState, formState } = form;
  const { fields, append, remove } = useFieldArray({ control, name: "beneficial_owners" });
  const listErrors = formState.errors.beneficial_owners;
  const listError = listErrors?.root?.message ?? listErrors?.message;
  const atMax = fields.length >= MAX_OWNERS;

  const [isOwner, setIsOwner] = useState(
    () => !!contact && defaults[0]?.email.toLowerCase() === contact.email.toLowerCase(),
  );
  const [prefillNote, setPrefillNote] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const focusAfterRemove = useRef<string | null>(null);

  useEffect(() => {
    if (!focusAfterRemove.current) return;
    document.getElementById(focusAfterRemove.current)?.focus();
    focusAfterRemove.current = null;
  }, [fields]);

  function toggleIsOwner(checked: boolean) {
    setIsOwner(checked);
    setPrefillNote("");
    if (!checked || !contact) return; // unticking leaves what is there: it may have been edited since
    // Only owner 1's empty fields are filled: anything already typed there was typed on purpose
    // (owner 1 may be someone else, or the contact's details may differ for this purpose).
    let filled = 0;
    for (const key of CONTACT_FIELDS) {
      const path = `beneficial_owners.0.${key}` as const;
      if (getValues(path)?.trim()) continue;
      setValue(path, contact[key], { shouldDirty: true, shouldValidate: !!getFieldState(path).error });
      filled += 1;
    }
    setPrefillNote(
      filled > 0
        ? "We filled in owner 1's empty name, email and phone fields with your contact details."
        : "Owner 1 already has a name, email and phone, so nothing was changed. If owner 1 is someone else, add yourself as another owner.",
    );
  }

  function addOwner() {
    append(blankOwner(), { focusName: `beneficial_owners.${fields.length}.first_name` });
    setAnnouncement(`Owner ${fields.length + 1} added.`);
  }

  function removeOwner(index: number) {
    remove(index);
    // The owner before the removed one, or the new owner 1 when the first one went.
    focusAfterRemove.current = ownerLegendId(Math.max(0, index - 1));
    setAnnouncement(`Owner ${index + 1} removed.`);
  }

  return (
    <>
      <StepHeading description="The people who own the business. We verify each of them.">
        Beneficial owners
      </StepHeading>
      <StepForm {...step} backHref="/onboarding/business">
        <p className="rounded-lg bg-gray-50 p-4">
          Add each person who owns {MIN_OWNERSHIP_PERCENTAGE}% or more of the business, directly or through
          other companies. You need at least one. The shares can add up to at most{" "}
          {MAX_TOTAL_OWNERSHIP_PERCENTAGE}%.
        </p>

        {contact ? (
          <div>
            <CheckboxField
              name="contact_is_owner"
              label="I am a beneficial owner"
              description={`We fill in owner 1 with your name, email and phone from your contact details (${contact.first_name} ${contact.last_name}).`}
              checked={isOwner}
              onChange={(event) => toggleIsOwner(event.target.checked)}
            />
            <p role="status" className="text-ink-muted text-sm">
              {prefillNote}
            </p>
          </div>
        ) : null}

        {listError ? (
          <p
            id={fieldId("beneficial_owners")}
            tabIndex={-1}
            className="font-semibold text-red-700 focus:outline-none"
          >
            <VisuallyHidden>Error: </VisuallyHidden>
            {listError}
          </p>
        ) : null}

        <div className="space-y-8">
          {fields.map((field, index) => (
            <OwnerFieldset
              key={field.id}
              form={form}
              index={index}
              defaultPhoneCountry={contact?.phone_country_code ?? "US"}
              onRemove={fields.length > 1 ? () => removeOwner(index) : undefined}
            />
          ))}
        </div>

        <OwnershipTotal control={control} />

        <div>
          <Button
            variant="secondary"
            onClick={addOwner}
            disabled={atMax}
            aria-describedby={ADD_HINT_ID}
            className="w-full sm:w-auto"
          >
            Add another owner
          </Button>
          <p id={ADD_HINT_ID} className="text-ink-muted mt-2 text-sm">
            {atMax
              ? `You have listed ${MAX_OWNERS} owners, the most one application can have.`
              : `Up to ${MAX_OWNERS} owners.`}
          </p>
        </div>
        <p role="status" className="sr-only">
          {announcement}
        </p>
      </StepForm>
    </>
  );
}

const percent = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

/** The sum of the shares entered so far; it re-renders only when the sum changes. */
function OwnershipTotal({ control }: { control: OwnersForm["control"] }) {
  const total = useWatch({
    control,
    name: "beneficial_owners",
    compute: (owners) =>
      owners.reduce((sum, owner) => {
        const share = owner?.ownership_percentage;
        return typeof share === "number" && Number.isFinite(share) ? sum + share : sum;
      }, 0),
  });
  // Rounded, so that 25.1 + 39.2 + 35.7 reads as the 100 it is, not 100.00000000000001.
  const rounded = Math.round(total * 100) / 100;
  const over = rounded > MAX_TOTAL_OWNERSHIP_PERCENTAGE;
  return (
    <div
      role="status"
      className={cx(
        "rounded-lg border p-4",
        over ? "border-l-4 border-amber-600 bg-amber-50 text-amber-950" : "border-gray-300",
      )}
    >
      <p className="font-semibold">Total listed: {percent.format(rounded)}%</p>
      {over ? (
        <p className="mt-1 text-sm">
          That is more than {MAX_TOTAL_OWNERSHIP_PERCENTAGE}%. Check each owner&apos;s percentage: together
          they can own at most the whole business.
        </p>
      ) : null}
    </div>
  );
}
