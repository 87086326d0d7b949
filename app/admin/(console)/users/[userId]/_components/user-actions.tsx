"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { postAdminAction } from "@/lib/admin/post-admin-action";

type ActionName = "resend-code" | "refresh" | "deactivate";

const PENDING_TEXT: Record<ActionName, string> = {
  "resend-code": "Sending…",
  refresh: "Asking sFOX…",
  deactivate: "Deactivating…",
};

/**
 * The support actions on one user. The server checks the session, does the work, records it in the
 * audit log and answers one sentence, shown here and focused so a keyboard or screen reader user
 * hears it; the page then reloads its data (status, activity).
 */
export function UserActions({ userId, deactivated, name }: { userId: string; deactivated: boolean; name: string }) {
  const router = useRouter();
  const [running, setRunning] = useState<ActionName | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string; signedOut?: boolean } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const run = async (action: ActionName) => {
    dialogRef.current?.close();
    setRunning(action);
    setResult(null);
    const reply = await postAdminAction<unknown>(`/api/admin/users/${encodeURIComponent(userId)}/${action}`);
    setRunning(null);
    setResult(reply);
    router.refresh();
  };

  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="text-ink text-lg font-semibold">
        Actions
      </h2>
      {deactivated ? (
        <p className="text-ink-muted mt-3 text-sm">This account is deactivated at sFOX; there is nothing left to do.</p>
      ) : (
        <div className="mt-3 flex flex-wrap gap-3">
          <Button variant="secondary" pending={running === "resend-code"} pendingText={PENDING_TEXT["resend-code"]} disabled={running !== null} onClick={() => run("resend-code")}>
            Resend code
          </Button>
          <Button variant="secondary" pending={running === "refresh"} pendingText={PENDING_TEXT.refresh} disabled={running !== null} onClick={() => run("refresh")}>
            Refresh from sFOX
          </Button>
          <Button variant="danger" pending={running === "deactivate"} pendingText={PENDING_TEXT.deactivate} disabled={running !== null} onClick={() => dialogRef.current?.showModal()}>
            Deactivate…
          </Button>
        </div>
      )}
      <p className="text-ink-muted mt-2 text-sm">Resend code sends whichever code is due: email first, then SMS.</p>

      {result ? (
        <div ref={resultRef} tabIndex={-1} className="mt-4 outline-none" data-testid="action-result">
          <Alert tone={result.ok ? "success" : "error"} live>
            {result.message}
            {result.signedOut ? (
              <>
                {" "}
                <Link href={`/admin/sign-in?next=${encodeURIComponent(`/admin/users/${userId}`)}`} className="underline">
                  Sign in
                </Link>
              </>
            ) : null}
          </Alert>
        </div>
      ) : null}

      <dialog
        ref={dialogRef}
        aria-labelledby="deactivate-title"
        aria-describedby="deactivate-description"
        className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-lg border border-gray-300 p-6 shadow-xl backdrop:bg-black/40"
      >
        <h2 id="deactivate-title" className="text-ink text-lg font-semibold">
          Deactivate {name}?
        </h2>
        <p id="deactivate-description" className="text-ink mt-2 text-sm">
          sFOX closes the account for good: the user can no longer sign in or trade, and this cannot be undone here.
          sFOX refuses while the account still holds a balance.
        </p>
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <Button variant="secondary" autoFocus onClick={() => dialogRef.current?.close()}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => run("deactivate")}>
            Deactivate account
          </Button>
        </div>
      </dialog>
    </section>
  );
}
