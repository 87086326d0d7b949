"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** The step's title; focus moves here on every step change so screen readers start at the top. */
export function StepHeading({ children, description }: { children: ReactNode; description?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <header className="mb-6">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold text-brand-900 focus:outline-none sm:text-3xl">
        {children}
      </h1>
      {description ? <p className="mt-2 text-ink-muted">{description}</p> : null}
    </header>
  );
}
