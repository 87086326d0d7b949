import { type APIRequestContext, expect } from "@playwright/test";
import { sandboxUrl } from "../ports";

/** The sandbox's control API, as the specs use it to read codes and cause faults. */

export interface OutboxMessage {
  user_id: string;
  type: "email" | "sms";
  to: string;
  code: string;
  sent_at: string;
}

export async function outbox(request: APIRequestContext): Promise<OutboxMessage[]> {
  const response = await request.get(`${sandboxUrl}/_sandbox/outbox`);
  return ((await response.json()) as { data: OutboxMessage[] }).data;
}

/**
 * The newest code the sandbox "sent" to an email address or phone number, waiting a moment for the
 * first one (a click on "Send code" returns before the app has asked the sandbox).
 */
export async function latestCode(request: APIRequestContext, to: string, type: "email" | "sms"): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        code = (await outbox(request)).filter((entry) => entry.to === to && entry.type === type).at(-1)?.code;
        return code;
      },
      { message: `no ${type} code was sent to ${to}`, timeout: 5_000 },
    )
    .toBeDefined();
  return code as string;
}

/** The sFOX user_id the sandbox holds for an email address (every spec uses unique emails). */
export interface SandboxUser {
  user_id: string;
  email: string;
  status: string;
  advisor_user_id: string | null;
}

export async function sandboxUsersWithEmail(request: APIRequestContext, email: string): Promise<SandboxUser[]> {
  const response = await request.get(`${sandboxUrl}/v1/enterprise/users`, { headers: { Authorization: "Bearer sandbox-key" } });
  const { data } = (await response.json()) as { data: SandboxUser[] };
  return data.filter((user) => user.email === email);
}

export async function injectRestFault(
  request: APIRequestContext,
  fault: { status?: 500 | 503 | 429; count: number; path_prefix?: string; delay_ms?: number },
): Promise<void> {
  const response = await request.post(`${sandboxUrl}/_sandbox/faults`, { data: { rest: fault } });
  if (!response.ok()) throw new Error(`fault refused: ${await response.text()}`);
}

export async function clearFaults(request: APIRequestContext): Promise<void> {
  await request.delete(`${sandboxUrl}/_sandbox/faults`);
}

export async function decide(request: APIRequestContext, userId: string, status: "VERIFIED" | "UNSUPPORTED" | "PENDING") {
  await request.post(`${sandboxUrl}/_sandbox/users/${encodeURIComponent(userId)}/decision`, { data: { status } });
}

/** How many injected REST faults are still waiting for a request to use them. */
export async function pendingFaultCount(request: APIRequestContext): Promise<number> {
  const response = await request.get(`${sandboxUrl}/_sandbox/faults`);
  return ((await response.json()) as { pending: unknown[] }).pending.length;
}

/** Cuts every WebSocket the sandbox holds, as a network failure between the app and sFOX would. */
export async function dropUpstream(request: APIRequestContext): Promise<void> {
  const response = await request.post(`${sandboxUrl}/_sandbox/faults`, { data: { ws: "drop" } });
  if (!response.ok()) throw new Error(`drop refused: ${await response.text()}`);
}

/** The newest code the sandbox "sent" to the account with this email (phones repeat across tests). */
export async function latestCodeForAccount(request: APIRequestContext, email: string, type: "email" | "sms"): Promise<string> {
  const [account] = await sandboxUsersWithEmail(request, email);
  if (!account) throw new Error(`no sandbox account has the email ${email}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const message = (await outbox(request)).filter((entry) => entry.user_id === account.user_id && entry.type === type).at(-1);
    if (message) return message.code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${type} code was sent to ${email}'s account`);
}
