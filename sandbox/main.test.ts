// `npm run sandbox` = `tsx sandbox/main.ts`: starts from the environment, answers health,
// saves its state and exits 0 on SIGTERM; a bad variable stops it with a message naming it.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { individual, sleep } from "./test-helpers";

const root = resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on("error", rej);
  });
}

function run(env: Record<string, string>) {
  // Its own process group, so the test can signal npx, tsx and node together as a terminal's
  // Ctrl-C would (npx alone does not forward SIGTERM to its child).
  const child = spawn("npx", ["tsx", "sandbox/main.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  // "close" waits for every process holding the output pipes (npx, tsx and node) to finish.
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return { child, exited, signalGroup, output: () => out };
}

describe("sandbox/main.ts as a process", () => {
  it("starts, answers health, logs requests without secrets, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), "sandbox-main-"));
    const stateFile = join(dir, "state.json");
    const p = run({
      SANDBOX_PORT: String(port),
      SANDBOX_STATE_FILE: stateFile,
      SANDBOX_API_KEY: "main-test-key",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 20_000;
      let ok = false;
      while (!ok && Date.now() < deadline) {
        try {
          ok = (await fetch(`${base}/_sandbox/health`)).ok;
        } catch {
          await sleep(100);
        }
      }
      expect(ok).toBe(true);
      const payload = individual();
      const r = await fetch(`${base}/v1/enterprise/register-account`, {
        method: "POST",
        headers: { authorization: "Bearer main-test-key" },
        body: JSON.stringify(payload),
      });
      expect(r.status).toBe(202);
      await fetch(`${base}/v1/enterprise/users?accountRole=client`, {
        headers: { authorization: "Bearer main-test-key" },
      });

      p.signalGroup("SIGTERM");
      await p.exited;
      const out = p.output();
      expect(out).toContain("SIGTERM: saving state and closing");
      expect(out).toContain(`listening on http://127.0.0.1:${port}`);
      expect(out).toMatch(/POST \/v1\/enterprise\/register-account 202 /);
      expect(out).toContain("/v1/enterprise/users?accountRole=…");
      expect(out).not.toContain("main-test-key");
      expect(out).not.toContain("123456789");
      expect(await readFile(stateFile, "utf8")).toContain(payload.user_id);
    } finally {
      p.signalGroup("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exits with a message naming a bad variable", async () => {
    const p = run({ SANDBOX_PORT: "not-a-port" });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain("SANDBOX_PORT");
  });
});
