// The eight sFOX Connect REST endpoints the product uses (connect-api.md section 2), with the
// documented status codes and shapes. Bearer auth, rate limiting and faults happen before
// these handlers run (server.ts).
import { publish, type Context } from "./context";
import { HttpError, field, readJsonBody, readJsonObject, sendEmpty, sendJson } from "./http";
import { validateRegistration } from "./registration";
import type { Route, RequestInfo } from "./router";
import type { UserRecord } from "./store";
import { mintUserToken } from "./tokens";
import { sendVerification, verifyCode } from "./verification";
import { registerReply, userView } from "./views";

export const DEACTIVATE_NON_ZERO =
  "Can not disable account with non-zero balances. Please remove all balances and try again.";
export const DEACTIVATE_NOT_FOUND = "The account does not exist to be disabled.";
export const USER_NOT_FOUND = "user_id: not found";
const MAX_TOKEN_IDS = 1000;

function activeUser(ctx: Context, r: RequestInfo): UserRecord {
  const user = ctx.store.active(r.params.user_id ?? "");
  if (!user) throw new HttpError(404, USER_NOT_FOUND);
  return user;
}

async function register(ctx: Context, r: RequestInfo): Promise<void> {
  const body = await readJsonBody(r.req);
  if (!body.ok)
    throw new HttpError(body.status, body.error, body.status === 413 ? { Connection: "close" } : {});
  const result = validateRegistration(body.value);
  if (!result.ok) throw new HttpError(422, result.error);
  const reg = result.value;

  // State checks come after the payload rules: a duplicate is a conflict, not a bad field.
  if (ctx.store.exists(reg.user_id)) throw new HttpError(409, "user_id: already exists");
  if (reg.advisor_user_id !== null) {
    const advisor = ctx.store.active(reg.advisor_user_id);
    if (!advisor) throw new HttpError(422, "advisor_user_id: no account with this user_id");
    if (advisor.account_role !== "advisor")
      throw new HttpError(422, "advisor_user_id: the account is not an advisor");
  }

  const user = ctx.store.create(reg);
  publish(ctx, user);
  sendJson(r.res, 202, registerReply(user));
}

async function sendCode(ctx: Context, r: RequestInfo): Promise<void> {
  const user = activeUser(ctx, r);
  const body = await readJsonObject(r.req);
  sendJson(r.res, 200, sendVerification(ctx, user, body));
}

async function verify(ctx: Context, r: RequestInfo): Promise<void> {
  const user = activeUser(ctx, r);
  const body = await readJsonObject(r.req);
  sendJson(r.res, 200, verifyCode(ctx, user, body));
}

function getUser(ctx: Context, r: RequestInfo): void {
  sendJson(r.res, 200, { data: userView(activeUser(ctx, r)) });
}

function listUsers(ctx: Context, r: RequestInfo): void {
  const roles = r.query.getAll("accountRole");
  if (roles.length > 1) throw new HttpError(422, "accountRole: give it at most once");
  const role = roles[0];
  if (role !== undefined && role !== "client" && role !== "advisor") {
    throw new HttpError(422, "accountRole: must be client or advisor");
  }
  const users = ctx.store.listActive().filter((u) => role === undefined || u.account_role === role);
  sendJson(r.res, 200, { data: users.map(userView) });
}

function tokenForOne(ctx: Context, r: RequestInfo): void {
  const user = activeUser(ctx, r);
  sendJson(r.res, 201, { data: mintUserToken(user.user_id) });
}

async function tokensForMany(ctx: Context, r: RequestInfo): Promise<void> {
  const body = await readJsonObject(r.req);
  const ids = field(body, "data");
  if (ids === undefined || ids === null) throw new HttpError(422, "data: is required (an array of user_id)");
  if (!Array.isArray(ids)) throw new HttpError(422, "data: must be an array of user_id");
  if (ids.length === 0) throw new HttpError(422, "data: must contain at least one user_id");
  if (ids.length > MAX_TOKEN_IDS)
    throw new HttpError(422, `data: at most ${MAX_TOKEN_IDS} user_id per request`);
  // All ids are checked before any token is issued: one unknown id fails the whole request.
  ids.forEach((id: unknown, i: number) => {
    if (typeof id !== "string") throw new HttpError(422, `data[${i}]: must be a string`);
    if (!ctx.store.active(id))
      throw new HttpError(404, `data[${i}]: user_id not found: ${JSON.stringify(id.slice(0, 64))}`);
  });
  const now = Date.now();
  sendJson(r.res, 201, {
    data: (ids as string[]).map((id) => {
      const t = mintUserToken(id, now);
      return { token: t.token, expires: t.expires, partner_user_id: t.partner_user_id };
    }),
  });
}

function deactivate(ctx: Context, r: RequestInfo): void {
  const user = ctx.store.active(r.params.user_id ?? "");
  if (!user) throw new HttpError(404, DEACTIVATE_NOT_FOUND);
  if (user.balances_nonzero) throw new HttpError(422, DEACTIVATE_NON_ZERO);
  ctx.reviewer.cancel(user);
  ctx.store.update(user, (u) => {
    u.deactivated_at = new Date().toISOString();
    u.codes = {};
  });
  sendEmpty(r.res, 200);
}

export const restRoutes: readonly Route[] = [
  { pattern: "/v1/enterprise/register-account", methods: { POST: register } },
  { pattern: "/v1/enterprise/users/send-verification/:user_id", methods: { POST: sendCode } },
  { pattern: "/v1/enterprise/users/verify/:user_id", methods: { POST: verify } },
  { pattern: "/v1/enterprise/users/:user_id", methods: { GET: getUser } },
  { pattern: "/v1/enterprise/users", methods: { GET: listUsers } },
  { pattern: "/v1/enterprise/user-tokens/:user_id", methods: { POST: tokenForOne } },
  { pattern: "/v1/enterprise/user-tokens", methods: { POST: tokensForMany } },
  { pattern: "/v1/enterprise/account/:user_id", methods: { DELETE: deactivate } },
];
