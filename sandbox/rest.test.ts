// REST conformance: auth, routing errors, body handling, Get End User(s), tokens, deactivation.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxHandle } from "./server";
import {
  call,
  corporation,
  get,
  individual,
  post,
  REGISTER,
  register,
  start,
  uniqueId,
} from "./test-helpers";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb.close();
});

const UNAUTH = { error: "invalid token. check authorization header." };

describe("authentication", () => {
  it.each([
    ["no Authorization header", null],
    ["a wrong key", "wrong-key"],
    ["an empty key", ""],
  ])("answers 401 with %s", async (_name, key) => {
    const r = await get(sb, "/v1/enterprise/users", { key });
    expect(r.status).toBe(401);
    expect(r.json).toEqual(UNAUTH);
  });

  it("refuses a non-Bearer scheme and accepts the scheme in any case", async () => {
    const basic = await get(sb, "/v1/enterprise/users", {
      key: null,
      headers: { authorization: "Basic test-key" },
    });
    expect(basic.status).toBe(401);
    const lower = await get(sb, "/v1/enterprise/users", {
      key: null,
      headers: { authorization: "bearer test-key" },
    });
    expect(lower.status).toBe(200);
  });

  it("checks the key on every endpoint", async () => {
    const paths: Array<[string, string]> = [
      ["POST", REGISTER],
      ["POST", "/v1/enterprise/users/send-verification/x"],
      ["POST", "/v1/enterprise/users/verify/x"],
      ["GET", "/v1/enterprise/users/x"],
      ["POST", "/v1/enterprise/user-tokens/x"],
      ["POST", "/v1/enterprise/user-tokens"],
      ["DELETE", "/v1/enterprise/account/x"],
    ];
    for (const [method, path] of paths) {
      const r = await call(sb, method, path, { key: "nope", body: method === "GET" ? undefined : {} });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe("routing", () => {
  it("answers 404 {error} for an unknown path", async () => {
    const r = await get(sb, "/v1/enterprise/nothing");
    expect(r.status).toBe(404);
    expect(typeof r.json.error).toBe("string");
    expect((await get(sb, "/")).status).toBe(404);
    expect((await get(sb, "/v1/enterprise/users/a/b")).status).toBe(404);
  });

  it("answers 405 with Allow for a wrong method on a known path", async () => {
    const r = await call(sb, "GET", REGISTER);
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST");
    expect(typeof r.json.error).toBe("string");
    expect((await call(sb, "PUT", "/v1/enterprise/users/x")).status).toBe(405);
    expect((await call(sb, "GET", "/v1/enterprise/account/x")).status).toBe(405);
  });

  it("answers 426 for plain HTTP on /ws", async () => {
    expect((await get(sb, "/ws")).status).toBe(426);
  });
});

describe("request bodies", () => {
  it("answers 400 naming the problem for malformed JSON", async () => {
    const r = await post(sb, REGISTER, '{"account_type": "individual",');
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/^body: malformed JSON/);
    expect(r.json.error).not.toContain("individual");
  });

  it("answers 400 for an empty body and for invalid UTF-8", async () => {
    expect((await post(sb, REGISTER, "")).status).toBe(400);
    const res = await fetch(sb.url + REGISTER, {
      method: "POST",
      headers: { authorization: "Bearer test-key" },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(res.status).toBe(400);
  });

  it("answers 422 for JSON that is not an object", async () => {
    for (const body of ["[]", "null", "42", '"text"', "true"]) {
      const r = await post(sb, REGISTER, body);
      expect(r.status, body).toBe(422);
      expect(r.json.error).toMatch(/^body: /);
      const t = await post(sb, "/v1/enterprise/user-tokens", body);
      expect(t.status, body).toBe(422);
    }
  });

  it("answers 413 for a body over 1 MB announced by Content-Length", async () => {
    const r = await post(sb, REGISTER, JSON.stringify({ first_name: "x".repeat(1_100_000) }));
    expect(r.status).toBe(413);
    expect(r.json.error).toMatch(/^body: larger than/);
  });

  it("answers 413 for a chunked body over 1 MB without reading all of it", async () => {
    const url = new URL(sb.url + REGISTER);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { authorization: "Bearer test-key" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      // Up to 8 MB, but stop as soon as the answer comes back.
      const pump = () => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    // The server keeps serving.
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(200);
  });
});

describe("Get End User(s)", () => {
  it("returns the documented shape with upper-case status and Title-case role", async () => {
    const p = individual();
    await register(sb, p);
    const r = await get(sb, `/v1/enterprise/users/${p.user_id}`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      data: {
        account_type: "individual",
        account_role: "Client",
        user_id: p.user_id,
        advisor_user_id: null,
        email: "ada@example.com",
        first_name: "Ada",
        last_name: "Lovelace",
        phone_number: "+14155552671",
        status: "PENDING",
        requirements: { email: true, sms: true },
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        phone_country_code: "US",
        account_purpose: "Investing",
      },
    });
  });

  it("answers 404 for an unknown user", async () => {
    const r = await get(sb, "/v1/enterprise/users/nobody");
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: "user_id: not found" });
  });

  it("lists users and filters by accountRole", async () => {
    const fresh = await start();
    try {
      const c = individual();
      const a = corporation();
      await register(fresh, c);
      await register(fresh, a);
      const all = await get(fresh, "/v1/enterprise/users");
      expect(all.status).toBe(200);
      expect(all.json.data.map((u: { user_id: string }) => u.user_id)).toEqual([c.user_id, a.user_id]);
      const advisors = await get(fresh, "/v1/enterprise/users?accountRole=advisor");
      expect(advisors.json.data).toHaveLength(1);
      expect(advisors.json.data[0]).toMatchObject({
        user_id: a.user_id,
        account_role: "Advisor",
        account_type: "corporation",
      });
      const clients = await get(fresh, "/v1/enterprise/users?accountRole=client");
      expect(clients.json.data.map((u: { user_id: string }) => u.user_id)).toEqual([c.user_id]);
      const bad = await get(fresh, "/v1/enterprise/users?accountRole=boss");
      expect(bad.status).toBe(422);
      expect(bad.json.error).toMatch(/^accountRole: /);
    } finally {
      await fresh.close();
    }
  });
});

describe("user tokens", () => {
  it("issues a single token: 64 hex, expires 24 h later in ISO-8601 UTC with ms", async () => {
    const p = individual();
    await register(sb, p);
    const before = Date.now();
    const r = await post(sb, `/v1/enterprise/user-tokens/${p.user_id}`);
    expect(r.status).toBe(201);
    expect(Object.keys(r.json.data).sort()).toEqual(["expires", "partner_user_id", "token"]);
    expect(r.json.data.token).toMatch(/^[0-9a-f]{64}$/);
    expect(r.json.data.partner_user_id).toBe(p.user_id);
    expect(r.json.data.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const expires = Date.parse(r.json.data.expires);
    expect(expires - before).toBeGreaterThanOrEqual(86_400_000 - 1000);
    expect(expires - before).toBeLessThanOrEqual(86_400_000 + 5000);
    const again = await post(sb, `/v1/enterprise/user-tokens/${p.user_id}`);
    expect(again.json.data.token).not.toBe(r.json.data.token);
  });

  it("answers 404 for a single token of an unknown user", async () => {
    const r = await post(sb, "/v1/enterprise/user-tokens/nobody");
    expect(r.status).toBe(404);
  });

  it("issues several tokens in request order", async () => {
    const a = individual();
    const b = corporation();
    await register(sb, a);
    await register(sb, b);
    const r = await post(sb, "/v1/enterprise/user-tokens", { data: [a.user_id, b.user_id] });
    expect(r.status).toBe(201);
    expect(r.json.data).toHaveLength(2);
    expect(r.json.data.map((t: { partner_user_id: string }) => t.partner_user_id)).toEqual([
      a.user_id,
      b.user_id,
    ]);
    for (const t of r.json.data) {
      expect(t.token).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(t)).toEqual(["token", "expires", "partner_user_id"]);
    }
  });

  it("refuses the whole list when one id is unknown, naming it", async () => {
    const a = individual();
    await register(sb, a);
    const r = await post(sb, "/v1/enterprise/user-tokens", { data: [a.user_id, "ghost_user"] });
    expect(r.status).toBe(404);
    expect(r.json.error).toContain("ghost_user");
    expect(r.json.error).toMatch(/^data\[1\]: /);
  });

  it("answers 422 for an empty, missing or mistyped list", async () => {
    for (const body of [{ data: [] }, {}, { data: "x" }, { data: [1] }]) {
      const r = await post(sb, "/v1/enterprise/user-tokens", body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.error).toMatch(/^data/);
    }
  });
});

describe("deactivation", () => {
  it("is refused with non-zero balances, then works, then the user disappears", async () => {
    const p = individual();
    await register(sb, p);
    const bal = await post(sb, `/_sandbox/users/${p.user_id}/balances`, { nonzero: true }, { key: null });
    expect(bal.status).toBe(200);

    const refused = await call(sb, "DELETE", `/v1/enterprise/account/${p.user_id}`);
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual({
      error: "Can not disable account with non-zero balances. Please remove all balances and try again.",
    });

    await post(sb, `/_sandbox/users/${p.user_id}/balances`, { nonzero: false }, { key: null });
    const ok = await call(sb, "DELETE", `/v1/enterprise/account/${p.user_id}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("");

    expect((await get(sb, `/v1/enterprise/users/${p.user_id}`)).status).toBe(404);
    const list = await get(sb, "/v1/enterprise/users");
    expect(list.json.data.some((u: { user_id: string }) => u.user_id === p.user_id)).toBe(false);
    expect((await post(sb, `/v1/enterprise/user-tokens/${p.user_id}`)).status).toBe(404);
    expect((await post(sb, "/v1/enterprise/user-tokens", { data: [p.user_id] })).status).toBe(404);
    expect(
      (await post(sb, `/v1/enterprise/users/send-verification/${p.user_id}`, { type: "email" })).status,
    ).toBe(404);

    const twice = await call(sb, "DELETE", `/v1/enterprise/account/${p.user_id}`);
    expect(twice.status).toBe(404);
    expect(twice.json).toEqual({ error: "The account does not exist to be disabled." });
    // The user_id stays taken.
    expect((await post(sb, REGISTER, { ...individual(), user_id: p.user_id })).status).toBe(409);
  });

  it("answers 404 with the documented message for an unknown account", async () => {
    const r = await call(sb, "DELETE", `/v1/enterprise/account/${uniqueId("none")}`);
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: "The account does not exist to be disabled." });
  });
});
