// Hostile input: wrong JSON types in every field, huge strings, deep nesting, odd unicode and
// odd request targets. Every answer must be a 4xx (never a 500), and the server keeps serving.
import { connect } from "node:net";
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
  WsClient,
  type Json,
} from "./test-helpers";

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await start({ rateLimit: 1_000_000 });
});
afterAll(async () => {
  await sb.close();
});

const JUNK: Json[] = [
  null,
  0,
  -1.5,
  1e308,
  true,
  [],
  [1, "a", null],
  {},
  { nested: { deeper: [{}] } },
  "",
  " ",
  "x".repeat(100_000),
  "\u0000\u0001\u001f",
  "\ud800",
  "🙂".repeat(50),
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "__proto__",
];

/** Every path to a leaf or object in a payload, e.g. ["business", "website"]. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== "object" || value === null) return [prefix];
  const keys: Array<string | number> = Array.isArray(value)
    ? value.map((_: Json, i: number) => i)
    : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths(value[k], [...prefix, k]))].filter((p) => p.length > 0);
}

function setAt(root: Json, path: Array<string | number>, v: Json): void {
  let node = root;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1]!] = v;
}

describe("registration with junk in every field", () => {
  for (const [label, make] of [
    ["individual", individual],
    ["corporation", corporation],
  ] as const) {
    it(`never answers 5xx (${label})`, async () => {
      const fieldPaths = paths(make());
      const statuses = new Map<number, number>();
      for (const path of fieldPaths) {
        for (const junk of JUNK) {
          const p = make();
          setAt(p, path, junk);
          const r = await post(sb, REGISTER, p);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status >= 500 || typeof r.json?.error !== "string") {
            if (r.status !== 202)
              throw new Error(
                `${path.join(".")} = ${JSON.stringify(junk).slice(0, 40)} -> ${r.status} ${r.text}`,
              );
          }
        }
      }
      expect([...statuses.keys()].every((s) => s === 202 || s === 409 || s === 422)).toBe(true);
      expect(statuses.get(422)).toBeGreaterThan(fieldPaths.length * 10);
    });
  }

  it("handles prototype keys, deep nesting and huge arrays", async () => {
    const bodies = [
      '{"__proto__": {"account_type": "individual"}, "constructor": {"prototype": {}}}',
      `{"account_type": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      `${"[".repeat(200_000)}${"]".repeat(200_000)}`,
      JSON.stringify({ ...corporation(), beneficial_owners: Array.from({ length: 5000 }, () => ({})) }),
      JSON.stringify({
        ...individual(),
        individual: { ...(individual().individual as object), dob: "9".repeat(500_000) },
      }),
      '{"a": 1, "a": 2}',
      "\ufeff{}",
    ];
    for (const body of bodies) {
      const r = await post(sb, REGISTER, body);
      expect(r.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(r.status, body.slice(0, 60)).toBeLessThan(500);
    }
    // Object.prototype was not polluted.
    expect(({} as Record<string, unknown>).account_type).toBeUndefined();
  });
});

describe("other endpoints with junk", () => {
  it("never answer 5xx", async () => {
    const p = individual();
    await register(sb, p);
    const id = p.user_id as string;
    const targets: Array<[string, string]> = [
      ["POST", `/v1/enterprise/users/send-verification/${id}`],
      ["POST", `/v1/enterprise/users/verify/${id}`],
      ["POST", "/v1/enterprise/user-tokens"],
      ["POST", `/_sandbox/users/${id}/decision`],
      ["POST", `/_sandbox/users/${id}/balances`],
      ["POST", "/_sandbox/faults"],
    ];
    const bodies: Json[] = [
      ...JUNK.map((j) => ({ type: j, otp: j, data: j, status: j, nonzero: j, rest: j, ws: j })),
      ...JUNK.map((j) => ({ type: "email", otp: j })),
      ...JUNK.map((j) => ({ data: [j] })),
      ...JUNK.map((j) => ({ rest: { status: 500, count: j, path_prefix: j, delay_ms: j } })),
      "not json",
      "[]",
    ];
    for (const [method, path] of targets) {
      for (const body of bodies) {
        const r = await call(sb, method, path, { body });
        expect(r.status, `${path} ${JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
      }
    }
    await call(sb, "DELETE", "/_sandbox/faults", { key: null });
  });

  it("odd paths and query strings get 4xx", async () => {
    const targets = [
      "/v1/enterprise/users/%E0%A4%A",
      "/v1/enterprise/users/%00",
      "/v1/enterprise/users/" + encodeURIComponent("ü🙂"),
      "/v1/enterprise/users/" + "x".repeat(5000),
      "/v1/enterprise/users?accountRole=%E0%A4%A",
      "/v1/enterprise/users?accountRole=client&accountRole=advisor",
      "/v1//enterprise/users",
      "/_sandbox/outbox?user_id=%FF",
      "/_sandbox/users/%2e%2e/decision",
    ];
    for (const t of targets) {
      const r = await get(sb, t);
      expect(r.status, t).toBeGreaterThanOrEqual(200);
      expect(r.status, t).toBeLessThan(500);
    }
  });

  it("survives a garbage request line and an abrupt disconnect", async () => {
    await new Promise<void>((resolve) => {
      const sock = connect(sb.port, "127.0.0.1", () => {
        sock.write("GARBAGE \x01\x02 HTTP/9.9\r\n\r\n");
      });
      sock.on("data", () => sock.destroy());
      sock.on("close", () => resolve());
      sock.on("error", () => resolve());
    });
    await new Promise<void>((resolve) => {
      const sock = connect(sb.port, "127.0.0.1", () => {
        sock.write(
          `POST ${REGISTER} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-key\r\nContent-Length: 1000\r\n\r\n{"acc`,
        );
        setTimeout(() => sock.destroy(), 20);
      });
      sock.on("close", () => resolve());
      sock.on("error", () => resolve());
    });
    expect((await get(sb, "/v1/enterprise/users")).status).toBe(200);
  });
});

describe("WebSocket junk", () => {
  it("answers errors, closes on oversized frames, and keeps serving", async () => {
    const c = await WsClient.open(sb.wsUrl);
    for (const m of [
      "",
      "{",
      "null",
      "[]",
      '{"type": null}',
      '{"type": {"a": 1}}',
      '{"type": "authenticate", "apiKey": ["x"]}',
      '{"type":"subscribe","feeds":"private.enterprise.users"}',
    ]) {
      const reply = await c.request(m);
      expect(reply.type).toBe("error");
    }
    c.ws.send(Buffer.from([0xff, 0xfe]), { binary: true });
    await c.nth(9);
    c.ws.send("x".repeat(200_000));
    await new Promise((r) => c.ws.once("close", r));
    const d = await WsClient.open(sb.wsUrl);
    expect((await d.request({ type: "authenticate", apiKey: "test-key" })).type).toBe("success");
    d.close();
  });
});
