/**
 * The DOM id of a form field, derived from its react-hook-form path (`beneficial_owners.1.dob` →
 * `beneficial_owners-1-dob`). Every primitive puts it on its main focusable element, so an error
 * summary can link to `#${fieldId(name)}`.
 */
export function fieldId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  // Ids that start with a digit are valid HTML but not valid CSS selectors.
  return /^[A-Za-z]/.test(id) ? id : `field-${id}`;
}

export const hintId = (id: string): string => `${id}-hint`;
export const errorId = (id: string): string => `${id}-error`;

/** The `aria-describedby` value naming only the messages that are rendered, or undefined. */
export function describedBy(
  id: string,
  { hint, error }: { hint?: unknown; error?: unknown },
): string | undefined {
  const ids = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}
