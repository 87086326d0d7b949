"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { postAdminAction } from "@/lib/admin/post-admin-action";
import type { RevealedContact } from "@/lib/admin/actions/reveal-contact-types";

/** Email and phone, masked until the admin asks to see them; the server records each reveal. */
export function ContactDetails({ userId, emailMasked, phoneMasked }: { userId: string; emailMasked: string; phoneMasked: string }) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<RevealedContact | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reveal = async () => {
    setPending(true);
    setError(null);
    const reply = await postAdminAction<RevealedContact>(`/api/admin/users/${encodeURIComponent(userId)}/reveal`);
    setPending(false);
    if (!reply.ok) return setError(reply.message);
    setRevealed(reply.data);
    // The activity log on this page now has the reveal.
    router.refresh();
  };

  return (
    <div className="mt-4">
      <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-2 text-sm" aria-live="polite">
        <dt className="text-ink-muted">Email</dt>
        <dd data-testid="contact-email" className="break-all">
          {revealed ? revealed.email : emailMasked}
        </dd>
        <dt className="text-ink-muted">Phone</dt>
        <dd data-testid="contact-phone">{revealed ? revealed.phoneNumber : phoneMasked}</dd>
      </dl>
      {revealed ? null : (
        <Button variant="secondary" className="mt-3 min-h-10 px-4 py-1.5 text-sm" pending={pending} pendingText="Revealing…" onClick={reveal}>
          Reveal email and phone
        </Button>
      )}
      {revealed ? <p className="text-ink-muted mt-2 text-sm">Revealed: this was recorded in the admin activity.</p> : null}
      {error ? (
        <Alert tone="error" live className="mt-3">
          {error}
        </Alert>
      ) : null}
    </div>
  );
}
