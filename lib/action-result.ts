import type { $ZodError } from "zod/v4/core";

/**
 * What every server action answers: never a throw for an expected failure. `fieldErrors` is keyed
 * by react-hook-form path (`individual.dob`, `beneficial_owners.1.dob`) so forms can `setError`.
 */
export type ActionResult<Data = undefined> =
  | { ok: true; redirectTo?: string; data?: Data }
  | {
      ok: false;
      fieldErrors?: Record<string, string>;
      formError?: string;
      redirectTo?: string;
      /** Seconds to wait before trying again, when the refusal was a rate limit. */
      retryAfterSeconds?: number;
    };

/** The first message for each path of a zod error. */
export function fieldErrorsOf(error: $ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return errors;
}

export const ACTION_UNREACHABLE_MESSAGE =
  "We could not reach our server, so nothing was saved. Please try again in a moment.";

/**
 * Calls a server action from the browser. A call that got no answer the action wrote (the network
 * is down, the server is restarting or answers 503 because its database is) rejects; the form
 * shows that as its error, and the page does not break.
 */
export async function callAction<Result>(
  action: () => Promise<Result>,
): Promise<Result | (Extract<ActionResult, { ok: false }> & { formError: string })> {
  try {
    return await action();
  } catch {
    return { ok: false, formError: ACTION_UNREACHABLE_MESSAGE };
  }
}
