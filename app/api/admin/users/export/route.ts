// GET /api/admin/users/export?<the list's own query>: every user of the current tab, filters and
// search (all pages) as CSV, streamed in batches. Recorded in the audit log with the filter.
import { adminRoute } from "@/lib/admin/admin-route";
import { parseUserListQuery } from "@/lib/admin/parse-user-list-query";
import { csvHeader, csvRows } from "@/lib/admin/users-csv";
import { recordAudit } from "@/lib/db/audit-log";
import { getDb } from "@/lib/db/client";
import { countUsersByTab, iterateUsersForExport } from "@/lib/db/user-list";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async (request, admin) => {
  const query = parseUserListQuery(new URL(request.url).searchParams);
  const db = await getDb();
  const rows = (await countUsersByTab(db, query))[query.tab];
  await recordAudit(db, {
    actor: admin.email,
    action: "export_users",
    targetUserId: null,
    outcome: "ok",
    detail: { tab: query.tab, accountType: query.accountType, role: query.role, search: query.search, rows },
  });

  const encoder = new TextEncoder();
  const batches = iterateUsersForExport(db, query);
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    // Pulled one batch at a time, so a slow download never holds more than one batch in memory.
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvHeader()}`));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvRows(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${query.tab}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
