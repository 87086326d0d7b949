import type { ReactNode } from "react";
import { cx } from "@/components/ui/field";
import { VisuallyHidden } from "@/components/ui/visually-hidden";

const tones = {
  error: {
    word: "Error",
    box: "border-red-700 bg-red-50 text-red-900",
    icon: "text-red-700",
    path: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM9 6a1 1 0 1 1 2 0v4a1 1 0 1 1-2 0V6Zm1 8.5a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5Z",
  },
  warning: {
    word: "Warning",
    box: "border-amber-600 bg-amber-50 text-amber-950",
    icon: "text-amber-700",
    path: "M8.26 3.1a2 2 0 0 1 3.48 0l6.03 10.9A2 2 0 0 1 16.03 17H3.97a2 2 0 0 1-1.74-3L8.26 3.1ZM9 7a1 1 0 1 1 2 0v3.5a1 1 0 1 1-2 0V7Zm1 8a1.25 1.25 0 1 0 0-2.5A1.25 1.25 0 0 0 10 15Z",
  },
  info: {
    word: "Information",
    box: "border-brand-600 bg-brand-50 text-brand-900",
    icon: "text-brand-700",
    path: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm1-11.5a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0ZM9 9a1 1 0 0 0 0 2v3a1 1 0 0 0 1 1h1a1 1 0 1 0 0-2v-3a1 1 0 0 0-1-1H9Z",
  },
  success: {
    word: "Success",
    box: "border-green-700 bg-green-50 text-green-900",
    icon: "text-green-700",
    path: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3a1 1 0 0 0-1.4-1.4L9 10.58 7.7 9.3a1 1 0 0 0-1.4 1.4l2 2a1 1 0 0 0 1.4 0l4-4Z",
  },
} as const;

export type AlertProps = {
  tone: keyof typeof tones;
  title?: ReactNode;
  children?: ReactNode;
  /** Announce at once: `role="alert"` for errors (other tones are always a polite `status`). */
  live?: boolean;
  className?: string;
};

/** A message box: icon, colour and words, so colour is never the only signal. */
export function Alert({ tone, title, children, live = false, className }: AlertProps) {
  const style = tones[tone];
  return (
    <div
      role={tone === "error" && live ? "alert" : "status"}
      className={cx("flex gap-3 rounded-lg border border-l-4 p-4", style.box, className)}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className={cx("mt-0.5 size-5 shrink-0", style.icon)}
      >
        <path fillRule="evenodd" clipRule="evenodd" d={style.path} />
      </svg>
      <div className="min-w-0">
        {title ? <p className="font-semibold">{title}</p> : <VisuallyHidden>{style.word}: </VisuallyHidden>}
        {children ? <div className={cx(title ? "mt-1" : null, "text-sm")}>{children}</div> : null}
      </div>
    </div>
  );
}
