"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition, type BaseSyntheticEvent } from "react";
import { useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { $ZodType } from "zod/v4/core";
import { fieldId } from "@/components/ui/field-id";
import { phoneNumbersSettled } from "@/components/ui/phone-numbers-settled";
import { callAction } from "@/lib/action-result";
import type { FormStep } from "@/lib/onboarding/steps";
import { saveStep } from "../_actions/save-step";
import { useWizardMemory } from "./wizard-provider";

export interface SummaryError {
  name: string;
  message: string;
}

/**
 * One form step: validates in the browser with the step's schema (per field on blur, everything on
 * Continue), saves through the server action, which validates again, and shows the server's field
 * errors on their fields. A failed Continue lists every problem in a summary that takes focus.
 *
 * The schema (with zod, about 30 KB gzip) is not needed to show or hydrate the form: `loadSchema`
 * fetches it when the user first focuses a field (`preloadValidation`, on the form) or, at the
 * latest, when the form first validates.
 */
export function useStepForm<Input extends FieldValues, Output extends FieldValues>(options: {
  step: FormStep;
  loadSchema: () => Promise<$ZodType<Output, Input>>;
  defaultValues: DefaultValues<Input>;
  returnTo?: string;
  onSaved?: (values: Output) => void;
}) {
  const { step, loadSchema, defaultValues, returnTo, onSaved } = options;
  const [{ resolver, preloadValidation }] = useState(() => lazyResolver(loadSchema));
  const form = useForm<Input, unknown, Output>({
    resolver,
    defaultValues,
    mode: "onTouched",
    // A failed Continue focuses the error summary, which links to each field.
    shouldFocusError: false,
  });
  const router = useRouter();
  const memory = useWizardMemory();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  // Errors sFOX raised on this step after the user submitted from the review step arrive with the
  // first render, so they are shown at once and announced like any failed Continue.
  const [returned] = useState(() =>
    memory.returnedErrors?.step === step ? memory.returnedErrors.fieldErrors : null,
  );
  const [summary, setSummary] = useState<SummaryError[]>(() => toSummary(returned ?? {}));
  const [focusRequest, setFocusRequest] = useState(returned ? 1 : 0);
  const summaryRef = useRef<HTMLDivElement>(null);

  const { clearReturnedErrors } = memory;
  useEffect(() => {
    if (!returned) return;
    for (const [name, message] of Object.entries(returned)) {
      form.setError(name as Path<Input>, { type: "server", message });
    }
    clearReturnedErrors();
  }, [returned, form, clearReturnedErrors]);

  // Returned errors were listed before their fields existed; name them after the fields now.
  useLayoutEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one read of the page as first rendered
    if (returned) setSummary(toSummary(returned));
  }, [returned]);

  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);

  const showServerErrors = useCallback(
    (fieldErrors: Record<string, string>) => {
      for (const [name, message] of Object.entries(fieldErrors)) {
        form.setError(name as Path<Input>, { type: "server", message });
      }
      setSummary(toSummary(fieldErrors));
      setFocusRequest((count) => count + 1);
    },
    [form],
  );

  const validateAndSave = form.handleSubmit(
    (values) => {
      setFormError(null);
      startTransition(async () => {
        const result = await callAction(() => saveStep(step, values, returnTo));
        if (result.ok) {
          setSummary([]);
          onSaved?.(values);
          if (result.redirectTo) router.push(result.redirectTo);
          return;
        }
        if (result.fieldErrors) showServerErrors(result.fieldErrors);
        if (result.formError) setFormError(result.formError);
        if (result.redirectTo) router.push(result.redirectTo);
      });
    },
    (errors) => {
      setSummary(describeForSummary(flattenErrors(errors)));
      setFocusRequest((count) => count + 1);
    },
  );
  const onSubmit = async (event?: BaseSyntheticEvent) => {
    event?.preventDefault();
    // A phone number typed before its library arrived is stored as E.164 first.
    await phoneNumbersSettled();
    await validateAndSave(event);
  };

  return { form, onSubmit, pending, formError, summary, summaryRef, preloadValidation };
}

/** A zod resolver whose schema is imported on first use; a failed import is tried again next time. */
function lazyResolver<Input extends FieldValues, Output extends FieldValues>(
  loadSchema: () => Promise<$ZodType<Output, Input>>,
) {
  let loading: Promise<Resolver<Input, unknown, Output>> | undefined;
  const load = () =>
    (loading ??= loadSchema().then(
      (schema) => zodResolver(schema),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const resolver: Resolver<Input, unknown, Output> = async (values, context, options) => (await load())(values, context, options);
  return { resolver, preloadValidation: () => void load().catch(() => undefined) };
}

function toSummary(fieldErrors: Record<string, string>): SummaryError[] {
  return describeForSummary(Object.entries(fieldErrors).map(([name, message]) => ({ name, message })));
}

/**
 * Each problem named after the field a person sees ("Owner 2 · Date of birth: ..."), in the order
 * the fields appear on the page. Read from the page itself, so it follows any label wording.
 */
function describeForSummary(errors: SummaryError[]): SummaryError[] {
  if (typeof document === "undefined") return errors;
  const located = errors.map((error) => ({ error, element: document.getElementById(fieldId(error.name)) }));
  located.sort((a, b) => {
    if (!a.element || !b.element) return a.element ? -1 : b.element ? 1 : 0;
    return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return located.map(({ error, element }) => {
    const label = element ? labelOf(element) : "";
    return label ? { ...error, message: `${label}: ${error.message}` } : error;
  });
}

function labelOf(element: HTMLElement): string {
  // A radio's own label is one answer ("Yes"); the question is its group's legend.
  const isRadio = (element as HTMLInputElement).type === "radio";
  const own =
    (isRadio ? undefined : (element as HTMLInputElement).labels?.[0]?.textContent) ??
    element.closest("fieldset")?.querySelector("legend")?.textContent ??
    "";
  const owner = element.closest("[data-summary-group]")?.getAttribute("data-summary-group");
  const text = own.replace(/\(optional\)/i, "").replace(/\s+/g, " ").trim();
  return owner ? `${owner} · ${text}` : text;
}

/** Every message of a nested react-hook-form error tree, with its field path, in form order. */
export function flattenErrors(errors: FieldErrors, prefix = ""): SummaryError[] {
  const found: SummaryError[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === "ref") continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value.message === "string" && value.message) {
      found.push({ name: key === "root" && prefix ? prefix : name, message: value.message });
    } else if (typeof value === "object") {
      found.push(...flattenErrors(value as FieldErrors, name));
    }
  }
  return found;
}
