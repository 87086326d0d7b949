import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AUDIT_ACTION_LABELS } from "@/lib/admin/event-labels";
import { formatUtc } from "@/lib/admin/format-time";
import { maskEmail, maskPhone } from "@/lib/admin/mask-contact";
import { requireAdmin } from "@/lib/admin/require-admin";
import { ACCOUNT_TYPE_LABELS, ROLE_LABELS } from "@/lib/admin/status-labels";
import { listAuditForUser } from "@/lib/db/audit-log";
import { getDb } from "@/lib/db/client";
import { latestUserEventId, listUserEvents } from "@/lib/db/events";
import { listClientsOfAdvisor } from "@/lib/db/user-list";
import { getUser } from "@/lib/db/users";
import { toTimelineEntry } from "@/lib/admin/timeline";
import { userIdSchema } from "@/lib/validations/primitives";
import { ContactDetails } from "./_components/contact-details";
import { LiveUserStatus } from "./_components/live-user-status";
import { UserActions } from "./_components/user-actions";

export const metadata: Metadata = { title: "User" };

const TIMELINE_LIMIT = 1_000;

export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const raw = (await params).userId;
  await requireAdmin(`/admin/users/${encodeURIComponent(raw)}`);
  const parsed = userIdSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const userId = parsed.data;

  // One snapshot: the stream starts after the newest event shown, so it adds exactly the rest.
  const data = await (await getDb()).transaction(
    async (tx) => {
      const user = await getUser(tx, userId);
      if (!user) return null;
      return {
        user,
        since: await latestUserEventId(tx, userId),
        events: await listUserEvents(tx, userId, TIMELINE_LIMIT),
        audit: await listAuditForUser(tx, userId),
        advisor: user.advisorUserId ? await getUser(tx, user.advisorUserId) : undefined,
        clients: user.accountRole === "advisor" ? await listClientsOfAdvisor(tx, userId) : [],
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!data) notFound();
  const { user, since, events, audit, advisor, clients } = data;
  const name = `${user.firstName} ${user.lastName}`.trim() || user.userId;

  return (
    <>
      <p>
        <Link href="/admin" className="text-brand-700 text-sm underline underline-offset-4">
          ← Users
        </Link>
      </p>
      <h1 className="text-ink mt-2 text-2xl font-bold sm:text-3xl">{name}</h1>
      <p className="text-ink-muted mt-1 font-mono text-sm">{user.userId}</p>

      <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="profile-heading">
            <h2 id="profile-heading" className="text-ink text-lg font-semibold">
              Profile
            </h2>
            <dl className="mt-3 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-ink-muted">Account</dt>
              <dd>
                {ACCOUNT_TYPE_LABELS[user.accountType]}, {ROLE_LABELS[user.accountRole].toLowerCase()}
              </dd>
              <dt className="text-ink-muted">Advisor</dt>
              <dd>
                {user.advisorUserId ? (
                  advisor ? (
                    <Link href={`/admin/users/${encodeURIComponent(advisor.userId)}`} className="text-brand-700 underline underline-offset-4">
                      {`${advisor.firstName} ${advisor.lastName}`.trim() || advisor.userId}
                    </Link>
                  ) : (
                    <span className="font-mono">{user.advisorUserId}</span>
                  )
                ) : (
                  "None"
                )}
              </dd>
              <dt className="text-ink-muted">Registered</dt>
              <dd>{formatUtc(user.createdAt)}</dd>
              <dt className="text-ink-muted">Last change</dt>
              <dd>{formatUtc(user.updatedAt)}</dd>
              {user.deactivatedAt ? (
                <>
                  <dt className="text-ink-muted">Deactivated</dt>
                  <dd>{formatUtc(user.deactivatedAt)}</dd>
                </>
              ) : null}
            </dl>
            <ContactDetails userId={user.userId} emailMasked={maskEmail(user.email)} phoneMasked={maskPhone(user.phoneNumber)} />
          </section>

          {clients.length > 0 ? (
            <section aria-labelledby="clients-heading">
              <h2 id="clients-heading" className="text-ink text-lg font-semibold">
                Clients of this advisor
              </h2>
              <ul className="mt-3 space-y-1 text-sm">
                {clients.map((client) => (
                  <li key={client.userId}>
                    <Link href={`/admin/users/${encodeURIComponent(client.userId)}`} className="text-brand-700 underline underline-offset-4">
                      {`${client.firstName} ${client.lastName}`.trim() || client.userId}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <LiveUserStatus
            userId={user.userId}
            accountType={user.accountType}
            since={since}
            status={user.status}
            requirements={{ email: Boolean(user.requirements.email), sms: Boolean(user.requirements.sms) }}
            deactivated={user.deactivatedAt !== null}
            events={events.map(toTimelineEntry)}
            truncated={events.length === TIMELINE_LIMIT}
          />
        </div>

        <div className="min-w-0 space-y-8">
          <UserActions userId={user.userId} deactivated={user.deactivatedAt !== null} name={name} />

          <section aria-labelledby="audit-heading">
            <h2 id="audit-heading" className="text-ink text-lg font-semibold">
              Admin activity
            </h2>
            {audit.length === 0 ? (
              <p className="text-ink-muted mt-3 text-sm">No admin has acted on this user yet.</p>
            ) : (
              <ol className="mt-3 space-y-3 text-sm" data-testid="audit-log">
                {audit.map((entry) => (
                  <li key={entry.id} className="border-l-2 border-gray-300 pl-3">
                    <p>
                      <span className="font-semibold">{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</span>
                      {" · "}
                      <span className={entry.outcome === "ok" ? "text-green-800" : "text-red-800"}>
                        {entry.outcome === "ok" ? "done" : "failed"}
                      </span>
                    </p>
                    {typeof entry.detail.message === "string" ? <p className="text-ink-muted">{entry.detail.message}</p> : null}
                    <p className="text-ink-muted">
                      {entry.actor}, {formatUtc(entry.createdAt)}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
