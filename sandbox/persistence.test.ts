// SANDBOX_STATE_FILE: state survives a restart, pending reviews are re-armed, reset persists.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  call,
  corporation,
  get,
  individual,
  latestCode,
  post,
  register,
  sleep,
  start,
  verifyType,
  waitFor,
} from "./test-helpers";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-state-"));
  file = join(dir, "nested", "state.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("state file", () => {
  it("restores users, statuses, codes and outbox after a restart", async () => {
    const first = await start({ stateFile: file });
    const a = individual();
    const c = corporation();
    await register(first, c);
    await register(first, a);
    await verifyType(first, a.user_id, "email");
    await post(first, `/v1/enterprise/users/send-verification/${a.user_id}`, { type: "sms" });
    const smsCode = await latestCode(first, a.user_id, "sms");
    await call(first, "POST", `/_sandbox/users/${c.user_id}/decision`, {
      key: null,
      body: { status: "UNSUPPORTED" },
    });
    const before = (await get(first, "/v1/enterprise/users")).json;
    await first.close();

    const second = await start({ stateFile: file });
    try {
      expect((await get(second, "/v1/enterprise/users")).json).toEqual(before);
      expect((await get(second, `/v1/enterprise/users/${c.user_id}`)).json.data.status).toBe("UNSUPPORTED");
      // The sms code sent before the restart still works.
      const v = await post(second, `/v1/enterprise/users/verify/${a.user_id}`, { type: "sms", otp: smsCode });
      expect(v.status).toBe(200);
      expect((await call(second, "GET", "/_sandbox/outbox", { key: null })).json.data).toHaveLength(2);
      // Duplicates are still refused.
      expect((await post(second, "/v1/enterprise/register-account", c)).status).toBe(409);
    } finally {
      await second.close();
    }
  });

  it("writes shortly after each change, atomically", async () => {
    const s = await start({ stateFile: file });
    try {
      const a = individual();
      await register(s, a);
      const text = await waitFor(async () => {
        const t = await readFile(file, "utf8").catch(() => "");
        return t.includes(a.user_id) ? t : undefined;
      });
      expect(JSON.parse(text).version).toBe(1);
    } finally {
      await s.close();
    }
  });

  it("re-arms a pending review on start", async () => {
    const first = await start({ stateFile: file, reviewMs: 300 });
    const c = corporation();
    await register(first, c);
    await verifyType(first, c.user_id, "email");
    await first.close();
    // Nothing fires while it is down (timers are cleared on close).
    await sleep(50);
    const second = await start({ stateFile: file, reviewMs: 300 });
    try {
      expect((await get(second, `/v1/enterprise/users/${c.user_id}`)).json.data.status).toBe("PENDING");
      await waitFor(async () =>
        (await get(second, `/v1/enterprise/users/${c.user_id}`)).json.data.status === "VERIFIED"
          ? true
          : undefined,
      );
    } finally {
      await second.close();
    }
  });

  it("reset persists the empty state", async () => {
    const first = await start({ stateFile: file });
    await register(first, individual());
    await call(first, "POST", "/_sandbox/reset", { key: null });
    await first.close();
    const second = await start({ stateFile: file });
    try {
      expect((await get(second, "/v1/enterprise/users")).json).toEqual({ data: [] });
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a corrupt state file, naming the variable", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{not json");
    await expect(start({ stateFile: bad })).rejects.toThrow(/^SANDBOX_STATE_FILE: /);
  });
});
