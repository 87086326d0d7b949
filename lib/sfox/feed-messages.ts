import "server-only";
import { z } from "@/lib/zod";
import { rawUserTokenSchema } from "./schemas";
import { toAccountRole, toAccountType, toRequirements, toUserStatus, toUserToken } from "./transform";
import type { AccountRole, AccountType, Requirements, UserStatus, UserToken } from "./types";

/**
 * Frames of sFOX's WebSocket feed, in the app's terms. Timestamps are nanoseconds since the epoch
 * written as 19-digit integers: JSON.parse would round them, so they are read from the raw text.
 */

export const USERS_FEED = "private.enterprise.users";

export type FeedFrame =
  | { kind: "reply"; sequence: number; timestampNs: bigint | null; action: string; success: boolean; feeds: string[] }
  | { kind: "user"; sequence: number; timestampNs: bigint; update: FeedUserUpdate }
  | { kind: "other"; sequence: number | null };

/** One user's state as the onboarding feed announced it. */
export interface FeedUserUpdate {
  userId: string;
  accountType: AccountType;
  accountRole: AccountRole;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string;
  status: UserStatus;
  requirements: Requirements;
  token: UserToken | null;
}

const replySchema = z.object({
  type: z.enum(["success", "error"]),
  sequence: z.number().int(),
  action: z.string().optional(),
  payload: z.object({ action: z.string().optional(), feeds: z.array(z.string()).optional() }).loose().optional(),
});

const userPayloadSchema = z.object({
  user_id: z.string(),
  account_type: z.string(),
  account_role: z.string(),
  first_name: z.string().default(""),
  last_name: z.string().default(""),
  email: z.string().default(""),
  phone_number: z.string().default(""),
  status: z.string().refine((value) => ["pending", "verified", "unsupported"].includes(value.toLowerCase())),
  requirements: z.object({ email: z.boolean().optional(), sms: z.boolean().optional() }).default({}),
  user_token: rawUserTokenSchema.nullish(),
});

const feedMessageSchema = z.object({
  sequence: z.number().int(),
  recipient: z.string(),
  // Documented as an object, described as "a JSON string": accept both.
  payload: z.union([z.string().transform((text, ctx) => parseJson(text, ctx)), z.record(z.string(), z.unknown())]),
});

/** Parses one text frame; throws on text that is not JSON at all. */
export function parseFeedFrame(text: string): FeedFrame {
  const message = JSON.parse(text) as Record<string, unknown>;
  const timestampNs = rawTimestamp(text);

  if (message.type === "success" || message.type === "error") {
    const reply = replySchema.safeParse(message);
    if (reply.success) {
      return {
        kind: "reply",
        sequence: reply.data.sequence,
        timestampNs,
        action: reply.data.payload?.action ?? reply.data.action ?? "",
        success: reply.data.type === "success",
        feeds: reply.data.payload?.feeds ?? [],
      };
    }
  }

  const feed = feedMessageSchema.safeParse(message);
  if (feed.success && feed.data.recipient === USERS_FEED && timestampNs !== null) {
    const payload = userPayloadSchema.safeParse(feed.data.payload);
    if (payload.success) return { kind: "user", sequence: feed.data.sequence, timestampNs, update: toUpdate(payload.data) };
  }
  return { kind: "other", sequence: typeof message.sequence === "number" ? message.sequence : null };
}

function toUpdate(raw: z.infer<typeof userPayloadSchema>): FeedUserUpdate {
  return {
    userId: raw.user_id,
    accountType: toAccountType(raw.account_type),
    accountRole: toAccountRole(raw.account_role),
    firstName: raw.first_name,
    lastName: raw.last_name,
    email: raw.email,
    phoneNumber: raw.phone_number,
    status: toUserStatus(raw.status),
    requirements: toRequirements(raw.requirements),
    token: raw.user_token ? toUserToken(raw.user_token) : null,
  };
}

/** The frame's own top-level `timestamp`, exactly, by scanning the text (not any nested one). */
export function rawTimestamp(text: string): bigint | null {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
    else if (char === '"') {
      const end = endOfString(text, index);
      if (depth === 1 && text.slice(index + 1, end) === "timestamp") {
        const match = /^\s*:\s*(\d{1,25})/.exec(text.slice(end + 1));
        if (match?.[1]) return BigInt(match[1]);
      }
      index = end;
    }
  }
  return null;
}

/** Index of the quote that closes the string opening at `start`. */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === "\\") index++;
    else if (text[index] === '"') return index;
  }
  return text.length;
}

function parseJson(text: string, ctx: z.RefinementCtx): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    ctx.addIssue({ code: "custom", message: "payload is not JSON" });
    return z.NEVER;
  }
}
