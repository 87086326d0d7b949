"use client";

import { useRef, useState } from "react";
import { useEventStream } from "@/components/hooks/use-event-stream";
import { Alert } from "@/components/ui/alert";
import type { StatusMessage } from "@/lib/realtime/stream-messages";
import { RequirementsChecklist } from "./requirements-checklist";
import { StepHeading } from "./step-heading";

const STATUS_TEXT = {
  pending: {
    title: "Your application is with sFOX",
    label: "Pending",
    body: "sFOX is reviewing your account. This page updates by itself: you can keep it open or come back later.",
  },
  verified: {
    title: "Your account is open",
    label: "Verified",
    body: "sFOX has verified your account. You can now link a bank account, deposit and trade.",
  },
  unsupported: {
    title: "We cannot open this account",
    label: "Unsupported",
    body: "sFOX cannot support this account at the moment, often because of where the account holder lives or the kind of business. Nothing was charged and your details are not shared further. If you think this is a mistake, contact our support team and we will look into it with you.",
  },
} as const;

/** The account's status, live: it changes on screen (and is announced) as sFOX decides. */
export function LiveStatus({
  initial,
  since,
  isCorporation,
}: {
  initial: Pick<StatusMessage, "status" | "requirements">;
  since: number;
  isCorporation: boolean;
}) {
  const [current, setCurrent] = useState(initial);
  const [announcement, setAnnouncement] = useState("");
  const shownStatus = useRef(initial.status);
  const connection = useEventStream<StatusMessage>("/api/onboarding/events", {
    event: "status",
    since,
    onMessage: (message) => {
      if (message.status !== shownStatus.current) setAnnouncement(`Status changed to ${STATUS_TEXT[message.status].label}.`);
      shownStatus.current = message.status;
      setCurrent({ status: message.status, requirements: message.requirements });
    },
  });
  const text = STATUS_TEXT[current.status];

  return (
    <div className="space-y-8">
      <StepHeading>{text.title}</StepHeading>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <Alert
        tone={current.status === "verified" ? "success" : current.status === "unsupported" ? "warning" : "info"}
        title={`Status: ${text.label}`}
      >
        {text.body}
      </Alert>
      <RequirementsChecklist requirements={{ ...current.requirements }} isCorporation={isCorporation} />
      <p className="flex items-center gap-2 text-sm text-ink-muted" data-stream-state={connection}>
        <span
          aria-hidden="true"
          className={`size-2 rounded-full ${connection === "open" ? "bg-green-600" : "animate-pulse bg-amber-500"}`}
        />
        {connection === "open" ? "Live: updates appear here as they happen" : connection === "reconnecting" ? "Reconnecting…" : "Connecting…"}
      </p>
    </div>
  );
}
