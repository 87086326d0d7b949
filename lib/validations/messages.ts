import type * as z from "@/lib/zod-mini";

export const REQUIRED_MESSAGE = "This field is required";

/** Error for a schema's own type check: "required" when the key is missing, `message` otherwise. */
export function typeError(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? REQUIRED_MESSAGE : message);
}

/** Adds a custom issue at `path` (relative to the refined object) when `message` is set. */
export function addIssue(ctx: z.core.$RefinementCtx, path: PropertyKey[], message: string | undefined): void {
  if (message) ctx.addIssue({ code: "custom", message, path });
}
