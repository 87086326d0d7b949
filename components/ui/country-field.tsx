"use client";

import { useMemo } from "react";
import { ComboboxField, type ComboboxFieldProps } from "@/components/ui/combobox-field";
import type { ComboboxOption } from "@/components/ui/combobox-filter";
import { useHydrated } from "@/components/ui/use-hydrated";
import { COUNTRY_CODES } from "@/lib/validations/countries";
import { countryName } from "@/lib/i18n/country-name";

export { countryName };

/** Countries as combobox options, sorted by name, findable by their code. */
export function countryOptions(codes: readonly string[], exclude: readonly string[] = []): ComboboxOption[] {
  const excluded = new Set(exclude);
  return codes
    .filter((code) => !excluded.has(code))
    .map((code) => ({ value: code, label: countryName(code), keywords: [code] }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}

export type CountryFieldProps = Omit<ComboboxFieldProps, "options"> & {
  countries?: readonly string[];
  exclude?: readonly string[];
};

/** A searchable country picker whose value is the alpha-2 code. */
export function CountryField({
  countries = COUNTRY_CODES,
  exclude,
  emptyText = "No country matches",
  ...props
}: CountryFieldProps) {
  // Callers often pass literal arrays: key the memo on their content, not their identity.
  const countriesKey = countries.join();
  const excludeKey = exclude?.join() ?? "";
  const hydrated = useHydrated();
  // Names are rendered by the browser only (see useHydrated): the server sends an empty picker.
  const options = useMemo(
    () =>
      hydrated
        ? countryOptions(countriesKey ? countriesKey.split(",") : [], excludeKey ? excludeKey.split(",") : [])
        : [],
    [hydrated, countriesKey, excludeKey],
  );
  return <ComboboxField {...props} options={options} emptyText={emptyText} />;
}
