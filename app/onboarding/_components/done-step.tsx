import { getDb } from "@/lib/db/client";
import { latestUserEventId } from "@/lib/db/events";
import type { LoadedWizard } from "../_lib/load-wizard";
import { LiveStatus } from "./live-status";

/**
 * The account's status as stored, then live: the page also renders the newest event id, and the
 * stream starts right after it, so nothing falls between the render and the stream.
 */
export async function DoneStep({ wizard }: { wizard: LoadedWizard }) {
  const userId = wizard.session?.userId;
  const since = userId ? await latestUserEventId(await getDb(), userId) : 0;
  return (
    <LiveStatus
      initial={{
        status: wizard.user?.status ?? "pending",
        requirements: { email: Boolean(wizard.user?.requirements.email), sms: Boolean(wizard.user?.requirements.sms) },
      }}
      since={since}
      isCorporation={wizard.progress.accountType === "corporation"}
    />
  );
}
