import { describe, expect, it } from "vitest";
import { filterOptions, indexOptions } from "@/components/ui/combobox-filter";

const index = indexOptions([
  { value: "CI", label: "Côte d’Ivoire", keywords: ["CI"] },
  { value: "AE", label: "United Arab Emirates", keywords: ["AE"] },
  { value: "GB", label: "United Kingdom", keywords: ["GB", "Great Britain"] },
  { value: "US", label: "United States", keywords: ["US", "+1"] },
  { value: "AU", label: "Australia", keywords: ["AU"] },
  { value: "RE", label: "Réunion", keywords: ["RE"] },
]);
const values = (query: string) => filterOptions(index, query).map((option) => option.value);

describe("filterOptions", () => {
  it("returns everything for an empty query", () => {
    expect(values("  ")).toHaveLength(6);
  });

  it("matches the start of label words, case- and accent-insensitively", () => {
    expect(values("uni")).toEqual(["AE", "GB", "US"]);
    expect(values("UNITED st")).toEqual(["US"]);
    expect(values("cote")).toEqual(["CI"]);
    expect(values("ivoire")).toEqual(["CI"]);
    expect(values("reu")).toEqual(["RE"]);
    expect(values("nion")).toEqual([]);
  });

  it("puts an exact code match first", () => {
    expect(values("us")).toEqual(["US"]);
    expect(values("au")).toEqual(["AU"]);
    expect(values("gb")).toEqual(["GB"]);
  });

  it("matches keywords, including dial codes", () => {
    expect(values("great brit")).toEqual(["GB"]);
    expect(values("+1")).toEqual(["US"]);
  });
});
