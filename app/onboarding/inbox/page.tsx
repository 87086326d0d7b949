import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getEnv } from "@/lib/env";
import { readOnboardingSession } from "@/lib/onboarding/session";
import { readSandboxOutbox } from "@/lib/sfox/sandbox-outbox";
import { AutoRefresh } from "./auto-refresh";

export const metadata: Metadata = { title: "Developer inbox" };

// Sandbox only: the codes the local sFOX "sent" to this browser's applicant, so anyone trying the
// product can finish it without a real mailbox or phone.
export default async function DeveloperInboxPage() {
  if (getEnv().sfox.mode !== "sandbox") notFound();
  const session = await readOnboardingSession();
  const messages = session ? await readSandboxOutbox(session.userId) : [];

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-900">Developer inbox</h1>
      <Alert tone="info" title="Sandbox mode">
        No real email or text message is sent. These are the codes the local sFOX sandbox would have sent to you.
        This page refreshes itself every few seconds.
      </Alert>
      <AutoRefresh seconds={3} />
      {!messages || messages.length === 0 ? (
        <p className="text-ink-muted">No codes yet. Ask for a code on the verification page.</p>
      ) : (
        <ol className="space-y-3" aria-label="Messages, newest first">
          {messages.map((message) => (
            <li key={`${message.type}-${message.sentAt.toISOString()}`} className="rounded-xl border border-gray-200 p-4">
              <p className="text-sm text-ink-muted">
                {message.type === "email" ? "Email" : "Text message"} to {message.to} ·{" "}
                <time dateTime={message.sentAt.toISOString()}>{message.sentAt.toLocaleTimeString("en-US", { timeZone: "UTC" })} UTC</time>
              </p>
              <p className="mt-1">
                Your verification code is <strong className="font-mono text-2xl tracking-widest" data-testid="inbox-code">{message.code}</strong>
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
