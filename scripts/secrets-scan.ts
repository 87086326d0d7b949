/** What must never appear, and where it was found. Pure, so its test can prove it finds things. */
export interface Needle {
  /** What it is ("user_token", "SSN used by the tests"...): printed instead of the value. */
  kind: string;
  value: string;
}

export interface Finding {
  kind: string;
  source: string;
}

/** Every (needle, source) pair where the needle's value occurs in the source's text. */
export function findSecrets(sources: Iterable<{ name: string; text: string }>, needles: readonly Needle[]): Finding[] {
  const usable = needles.filter((needle) => needle.value.length >= 6);
  const findings: Finding[] = [];
  for (const { name, text } of sources) {
    for (const needle of usable) if (text.includes(needle.value)) findings.push({ kind: needle.kind, source: name });
  }
  return findings;
}
