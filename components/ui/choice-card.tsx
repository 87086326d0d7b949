import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/components/ui/field";

export type ChoiceCardProps = Omit<ComponentProps<"input">, "id" | "className" | "aria-describedby"> & {
  id: string;
  type: "radio" | "checkbox";
  label: ReactNode;
  description?: ReactNode;
};

/**
 * One radio or checkbox as a full-width card. The label covers the whole card (its `::after`), so
 * the card is one big click target, while the description stays out of the accessible name and is
 * linked with `aria-describedby` instead.
 */
export function ChoiceCard({ id, label, description, ...inputProps }: ChoiceCardProps) {
  const descriptionId = description ? `${id}-description` : undefined;
  return (
    <div
      className={cx(
        "relative flex items-start gap-3 rounded-lg border border-gray-500 bg-white p-3",
        "has-checked:border-brand-600 has-checked:bg-brand-50 has-checked:ring-brand-600 has-checked:ring-1",
        "has-focus-visible:outline-brand-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2",
        "has-disabled:border-gray-300 has-disabled:bg-gray-100 has-disabled:text-gray-600",
      )}
    >
      <input
        {...inputProps}
        id={id}
        aria-describedby={descriptionId}
        className="accent-brand-600 relative z-10 mt-0.5 size-5 shrink-0 cursor-pointer focus-visible:outline-none disabled:cursor-not-allowed"
      />
      <div className="min-w-0">
        <label
          htmlFor={id}
          className="text-ink cursor-pointer font-medium after:absolute after:inset-0 after:rounded-lg"
        >
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="text-ink-muted mt-0.5 text-sm">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
