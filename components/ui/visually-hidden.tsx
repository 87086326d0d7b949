import type { ReactNode } from "react";

/** Text for screen readers only (for example the "Error:" prefix of an error message). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
