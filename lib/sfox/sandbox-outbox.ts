import "server-only";
import { z } from "@/lib/zod";
import { getEnv } from "@/lib/env";

const outboxSchema = z.object({
  data: z.array(
    z.object({
      user_id: z.string(),
      type: z.enum(["email", "sms"]),
      to: z.string(),
      code: z.string(),
      sent_at: z.string(),
    }),
  ),
});

export interface SandboxMessage {
  type: "email" | "sms";
  to: string;
  code: string;
  sentAt: Date;
}

/**
 * The codes the sandbox "sent" to one user, newest first, read over HTTP from its control API (the
 * app never imports the sandbox). Null outside sandbox mode: real sFOX has no such thing.
 */
export async function readSandboxOutbox(userId: string): Promise<SandboxMessage[] | null> {
  const { sfox } = getEnv();
  if (sfox.mode !== "sandbox") return null;
  const response = await fetch(`${sfox.apiUrl}/_sandbox/outbox?user_id=${encodeURIComponent(userId)}`, {
    cache: "no-store",
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`The sandbox outbox answered ${response.status}`);
  const { data } = outboxSchema.parse(await response.json());
  return data
    .map((message) => ({ type: message.type, to: message.to, code: message.code, sentAt: new Date(message.sent_at) }))
    .reverse();
}
