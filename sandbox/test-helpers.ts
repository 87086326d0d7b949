// Shared by the sandbox test files (not a test itself): start an in-process sandbox on a free
// port, call it with fetch, listen to its WebSocket, and build valid registration payloads.
import { WebSocket } from "ws";
import type { SandboxConfig } from "./config";
import { startSandbox, type SandboxHandle } from "./server";

export const KEY = "test-key";

/** Fast timers and no cooldown by default; tests that need a cooldown set it explicitly. */
export function start(options: Partial<SandboxConfig> = {}): Promise<SandboxHandle> {
  return startSandbox({
    port: 0,
    log: false,
    apiKey: KEY,
    reviewMs: 50,
    codeCooldownMs: 0,
    ...options,
  });
}

/** Parsed JSON as JSON.parse types it: tests check its shape with assertions, not with types. */
export type Json = ReturnType<typeof JSON.parse>;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

export interface CallOptions {
  /** Bearer key; null sends no Authorization header. Defaults to KEY. */
  key?: string | null;
  /** A string is sent as is (raw JSON text); anything else is JSON.stringify'd. */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(
  sb: SandboxHandle,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  const key = opts.key === undefined ? KEY : opts.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(sb.url + path, { method, headers, body });
  const text = await res.text();
  let json: Json = undefined;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const post = (sb: SandboxHandle, path: string, body?: unknown, opts: CallOptions = {}) =>
  call(sb, "POST", path, { ...opts, body });
export const get = (sb: SandboxHandle, path: string, opts: CallOptions = {}) => call(sb, "GET", path, opts);

export const REGISTER = "/v1/enterprise/register-account";

let counter = 0;
export function uniqueId(prefix = "u"): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A registration payload under construction (tests mutate it freely). */
export type Payload = Record<string, Json>;

/** A valid US individual client (every required field, nothing optional). */
export function individual(userId = uniqueId("ind")): Payload {
  return {
    account_type: "individual",
    account_role: "client",
    user_id: userId,
    first_name: "Ada",
    last_name: "Lovelace",
    email: "ada@example.com",
    phone_country_code: "US",
    phone_number: "+14155552671",
    account_purpose: "Investing",
    individual: {
      dob: "1990-10-15",
      residential_country_code: "US",
      residential_address: "123 Market Street",
      residential_city: "San Francisco",
      residential_state: "CA",
      residential_postal_code: "94105",
      id_type: "ssn",
      id_number: "123456789",
      id_country_code: "US",
    },
  };
}

/** A valid US corporation advisor with one beneficial owner. */
export function corporation(userId = uniqueId("corp")): Payload {
  return {
    account_type: "corporation",
    account_role: "advisor",
    user_id: userId,
    first_name: "Grace",
    last_name: "Hopper",
    email: "grace@example.com",
    phone_country_code: "US",
    phone_number: "+14155552671",
    account_purpose: "Operating",
    business: {
      entity_name: "Hopper Capital LLC",
      organization_type: "LLC",
      business_type: "Hedge Fund",
      registration_number: "12-3456789",
      description: "A crypto fund",
      incorporation_country: "US",
      incorporation_state: "DE",
      incorporation_date: "2020-01-31",
      principal_place_country: "US",
      principal_place_state: "NY",
      principal_place_address: "1 Wall Street",
      principal_place_city: "New York",
      principal_place_postal_code: "10005",
      accredited_investor: true,
      non_agent_intermediary: false,
    },
    beneficial_owners: [
      {
        first_name: "Grace",
        last_name: "Hopper",
        email: "grace@example.com",
        phone_number: "+14155552671",
        dob: "1980-12-09",
        address_country_code: "US",
        address_subdivision: "NY",
        address_street1: "1 Wall Street",
        address_city: "New York",
        address_postal_code: "10005",
        id_type: "ssn",
        id_country_code: "US",
        id_number: "987654321",
      },
    ],
  };
}

/** Registers a payload and fails loudly if it is not accepted. */
export async function register(sb: SandboxHandle, payload: Payload): Promise<Reply> {
  const r = await post(sb, REGISTER, payload);
  if (r.status !== 202) throw new Error(`register failed: ${r.status} ${r.text}`);
  return r;
}

/** Latest code in the outbox for a user and type. */
export async function latestCode(sb: SandboxHandle, userId: string, type: "email" | "sms"): Promise<string> {
  const r = await get(sb, `/_sandbox/outbox?user_id=${encodeURIComponent(userId)}`, { key: null });
  const entries = (r.json.data as Array<{ type: string; code: string }>).filter((e) => e.type === type);
  const last = entries[entries.length - 1];
  if (!last) throw new Error(`no ${type} code for ${userId}`);
  return last.code;
}

/** Sends and confirms one code type. */
export async function verifyType(sb: SandboxHandle, userId: string, type: "email" | "sms"): Promise<void> {
  const s = await post(sb, `/v1/enterprise/users/send-verification/${userId}`, { type });
  if (s.status !== 200) throw new Error(`send ${type} failed: ${s.status} ${s.text}`);
  const otp = await latestCode(sb, userId, type);
  const v = await post(sb, `/v1/enterprise/users/verify/${userId}`, { type, otp });
  if (v.status !== 200) throw new Error(`verify ${type} failed: ${v.status} ${v.text}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await sleep(10);
  }
}

/** A WebSocket client that records every message (raw text and parsed). */
export class WsClient {
  readonly raw: string[] = [];
  readonly messages: Json[] = [];
  closed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.messages.push(JSON.parse(text));
    });
    ws.on("close", () => (this.closed = true));
    ws.on("error", () => {});
  }

  static open(url: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const c = new WsClient(ws);
      ws.once("open", () => resolve(c));
      ws.once("error", reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
  }

  /** Waits for the n-th message (1-based) and returns it. */
  async nth(n: number, timeoutMs = 3000): Promise<Json> {
    return waitFor(() => this.messages[n - 1], timeoutMs);
  }

  /** Sends a message and returns the next one received. */
  async request(msg: unknown): Promise<Json> {
    const n = this.messages.length + 1;
    this.send(msg);
    return this.nth(n);
  }

  /** Authenticates and subscribes to the users feed. */
  async ready(key = KEY): Promise<void> {
    const a = await this.request({ type: "authenticate", apiKey: key, enterprise: true });
    if (a.type !== "success") throw new Error("auth failed");
    const s = await this.request({ type: "subscribe", feeds: ["private.enterprise.users"] });
    if (s.type !== "success") throw new Error("subscribe failed");
  }

  feed(): Json[] {
    return this.messages.filter((m) => m.recipient === "private.enterprise.users");
  }

  close(): void {
    this.ws.close();
  }
}
