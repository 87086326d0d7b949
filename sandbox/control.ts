// The control API under /_sandbox: what sFOX does behind the scenes (reading the codes it
// "sent", deciding on an account, holding balances) plus fault injection and reset. No auth,
// so it only answers loopback clients; it is not rate-limited.
import type { IncomingMessage } from "node:http";
import { publish, type Context } from "./context";
import { parseFaultRequest } from "./faults";
import { HttpError, field, readJsonObject, sendJson } from "./http";
import type { Route, RequestInfo } from "./router";
import type { Status } from "./store";
import { userView } from "./views";

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? "";
  return a === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function health(ctx: Context, r: RequestInfo): void {
  sendJson(r.res, 200, {
    ok: true,
    users: ctx.store.activeCount(),
    ws: ctx.feed.stats(),
    auto_review: ctx.config.autoReview,
    uptime_ms: Date.now() - ctx.startedAt,
  });
}

function outbox(ctx: Context, r: RequestInfo): void {
  const userId = r.query.get("user_id") ?? undefined;
  sendJson(r.res, 200, { data: ctx.store.listOutbox(userId) });
}

const STATUSES: readonly Status[] = ["VERIFIED", "UNSUPPORTED", "PENDING"];

async function decision(ctx: Context, r: RequestInfo): Promise<void> {
  const user = ctx.store.active(r.params.user_id ?? "");
  if (!user) throw new HttpError(404, "user_id: not found");
  const body = await readJsonObject(r.req);
  const status = field(body, "status");
  if (typeof status !== "string" || !(STATUSES as readonly string[]).includes(status)) {
    throw new HttpError(422, "status: must be VERIFIED, UNSUPPORTED or PENDING");
  }
  // A decision is final until the next one: it cancels any scheduled automatic review.
  ctx.reviewer.cancel(user);
  ctx.store.update(user, (u) => (u.status = status as Status));
  publish(ctx, user);
  sendJson(r.res, 200, { data: userView(user) });
}

async function balances(ctx: Context, r: RequestInfo): Promise<void> {
  const user = ctx.store.active(r.params.user_id ?? "");
  if (!user) throw new HttpError(404, "user_id: not found");
  const body = await readJsonObject(r.req);
  const nonzero = field(body, "nonzero");
  if (typeof nonzero !== "boolean") throw new HttpError(422, "nonzero: must be true or false");
  ctx.store.update(user, (u) => (u.balances_nonzero = nonzero));
  sendJson(r.res, 200, { data: { user_id: user.user_id, nonzero } });
}

async function addFaults(ctx: Context, r: RequestInfo): Promise<void> {
  const body = await readJsonObject(r.req);
  const parsed = parseFaultRequest(body);
  if (typeof parsed === "string") throw new HttpError(422, parsed);
  if (parsed.rest) ctx.faults.add(parsed.rest);
  const dropped = parsed.ws === "drop" ? ctx.feed.dropAll(parsed.downMs) : 0;
  const skipped = parsed.ws === "skip_sequence" ? ctx.feed.skipSequence() : 0;
  sendJson(r.res, 200, { ok: true, pending: ctx.faults.pending(), ws_dropped: dropped, ws_skipped: skipped });
}

function listFaults(ctx: Context, r: RequestInfo): void {
  sendJson(r.res, 200, { ok: true, pending: ctx.faults.pending(), stats: ctx.faults.stats() });
}

function clearFaults(ctx: Context, r: RequestInfo): void {
  ctx.faults.clear();
  sendJson(r.res, 200, { ok: true, pending: [] });
}

function reset(ctx: Context, r: RequestInfo): void {
  ctx.reviewer.stopAll();
  ctx.faults.clear();
  ctx.faults.resetStats();
  ctx.limiter.reset();
  ctx.store.reset();
  sendJson(r.res, 200, { ok: true });
}

export const controlRoutes: readonly Route[] = [
  { pattern: "/_sandbox/health", methods: { GET: health } },
  { pattern: "/_sandbox/outbox", methods: { GET: outbox } },
  { pattern: "/_sandbox/users/:user_id/decision", methods: { POST: decision } },
  { pattern: "/_sandbox/users/:user_id/balances", methods: { POST: balances } },
  { pattern: "/_sandbox/faults", methods: { GET: listFaults, POST: addFaults, DELETE: clearFaults } },
  { pattern: "/_sandbox/reset", methods: { POST: reset } },
];
