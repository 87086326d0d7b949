"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * What a page shows when rendering it failed on the server (its database went away mid-request,
 * for one): a plain explanation and a retry, never the framework's "Application error". While the
 * database stays down, the HTTP layer answers with its own 503 page instead.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="mx-auto max-w-prose px-4 py-20 text-center">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none">
        This page could not be loaded
      </h1>
      <p className="mt-3 text-ink-muted">
        Something went wrong on our side. Anything you saved before is safe. Please try again in a moment.
      </p>
      <Button
        className="mt-8"
        pending={retrying}
        pendingText="Trying again…"
        onClick={() =>
          startRetry(() => {
            router.refresh();
            reset();
          })
        }
      >
        Try again
      </Button>
    </div>
  );
}
