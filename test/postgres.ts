import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL server for tests: `TEST_DATABASE_URL` when given, else a fresh cluster
 * made with the machine's `initdb`/`pg_ctl` on a free loopback port. PostgreSQL refuses to run as
 * root, so as root the cluster belongs to a dedicated system user.
 */
export interface TestPostgres {
  url: string;
  /** Stops the server (fast shutdown: connections are cut) and keeps its data, for `resume`. */
  pause(): Promise<void>;
  /** Starts the paused server again, on the same port, with the same data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

const CLUSTER_USER = "sfox_pgtest";

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    const cannot = async () => {
      throw new Error("a TEST_DATABASE_URL server cannot be paused by the tests");
    };
    return { url: given, pause: cannot, resume: cannot, stop: async () => {} };
  }

  const bin = findPostgresBin();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sfox-pg-"));
  const dataDir = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    ensureSystemUser(CLUSTER_USER);
    fs.chmodSync(root, 0o755);
    execFileSync("chown", [CLUSTER_USER, root]);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", CLUSTER_USER, "--", command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  };

  const port = await freePort();
  run(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const start = () =>
    run(path.join(bin, "pg_ctl"), [
      "-D", dataDir, "-l", path.join(root, "server.log"), "-w", "-t", "60",
      "-o", `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
    ]);
  start();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause: async () => run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]),
    resume: async () => start(),
    stop: async () => {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function findPostgresBin(): string {
  const candidates = (process.env.PATH ?? "").split(path.delimiter);
  const versioned = fs.existsSync("/usr/lib/postgresql")
    ? fs.readdirSync("/usr/lib/postgresql").sort().reverse().map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  for (const dir of [...candidates, ...versioned]) {
    if (dir && fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  throw new Error("PostgreSQL's initdb/pg_ctl were not found: install PostgreSQL or set TEST_DATABASE_URL");
}

function ensureSystemUser(name: string): void {
  if (spawnSync("id", ["-u", name]).status === 0) return;
  execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
