import type { ComponentProps, ReactNode } from "react";
import { cx, focusRing } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";

const variants = {
  primary: "bg-brand-600 px-5 text-white hover:bg-brand-700",
  secondary: "border border-gray-500 bg-white px-5 text-ink hover:bg-gray-50",
  danger: "bg-red-700 px-5 text-white hover:bg-red-800",
  link: "px-1 text-brand-700 underline underline-offset-4 hover:text-brand-900 hover:decoration-2",
} as const;

export type ButtonProps = ComponentProps<"button"> & {
  variant?: keyof typeof variants;
  /** While true the button is disabled, `aria-busy`, and shows a spinner. */
  pending?: boolean;
  /** Shown instead of the children while pending ("Saving…"). */
  pendingText?: ReactNode;
};

/** A button for actions (`type="button"` unless told otherwise); navigation uses `ButtonLink`. */
export function Button({
  variant = "primary",
  pending = false,
  pendingText,
  type = "button",
  disabled,
  className,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      {...props}
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={cx(
        "inline-flex min-h-11 items-center justify-center gap-2 rounded-lg py-2.5 text-base font-semibold transition-colors",
        variants[variant],
        focusRing,
        pending ? "cursor-wait" : "disabled:cursor-not-allowed disabled:opacity-60",
        className,
      )}
    >
      {pending ? <Spinner /> : null}
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
