// Country names in plain English from the platform's own data (no bundled list to ship or maintain).
let names: Intl.DisplayNames | undefined;

export function countryName(code: string | undefined | null): string {
  if (!code) return "";
  names ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
