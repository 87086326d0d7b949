/** What the browser gets back from an admin action route, whatever happened on the way. */
export type AdminActionReply<Data> = { ok: true; message: string; data: Data } | { ok: false; message: string; signedOut?: boolean };

/**
 * POSTs to one of `/api/admin/users/:id/<action>` and turns every answer, including a lost
 * connection or an ended session, into a sentence the page can show.
 */
export async function postAdminAction<Data>(path: string): Promise<AdminActionReply<Data>> {
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers: { Accept: "application/json" } });
  } catch {
    return { ok: false, message: "The server could not be reached. Check the connection and try again." };
  }
  if (response.status === 401) {
    return { ok: false, message: "Your session has ended. Sign in again to continue.", signedOut: true };
  }
  const body = (await response.json().catch(() => null)) as { ok?: boolean; message?: string; data?: Data } | null;
  if (!body || typeof body.message !== "string") {
    return { ok: false, message: `Something went wrong on the server (HTTP ${response.status}). Check the activity log before trying again.` };
  }
  return body.ok ? { ok: true, message: body.message, data: body.data as Data } : { ok: false, message: body.message };
}
