/**
 * Flags of `npm run bench:sse` (each also readable from the environment as BENCH_SSE_<NAME>,
 * e.g. BENCH_SSE_CLIENTS=1000). Flags win over the environment.
 */
export interface BenchOptions {
  /** Concurrent SSE clients per run, ascending (`--clients=1000,10000`). */
  clients: number[];
  /** Browser tabs per user (`--clients-per-user=100`): N clients = N / this many users. */
  clientsPerUser: number;
  /** Steady phase: decisions (events) per second and duration. */
  steadyRate: number;
  steadySeconds: number;
  /** Burst phase: deliveries per second to aim at (events/s = this / clients per user) and duration. */
  burstDeliveries: number;
  burstSeconds: number;
  /** Stored history of the slow consumer's user: what it is sent when it connects and stalls. */
  slowBacklog: number;
  /** Restart the app with the largest N connected. */
  restart: boolean;
  /** Which servers to measure. */
  targets: Array<"app" | "floor">;
  /** Connections opened at once while connecting the clients. */
  connectConcurrency: number;
  /** Keep the temporary DATA_DIR and logs (printed at the end). */
  keep: boolean;
  /** The app's database: the embedded PGlite (default, as `npm start`) or a throwaway PostgreSQL. */
  database: "pglite" | "postgres";
  /** Extra node flags for the app process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (for looking into a result). */
  appNodeFlags: string[];
}

const DEFAULTS: BenchOptions = {
  clients: [1_000, 10_000],
  clientsPerUser: 100,
  steadyRate: 5,
  steadySeconds: 60,
  burstDeliveries: 10_000,
  burstSeconds: 30,
  slowBacklog: 40_000,
  restart: true,
  targets: ["floor", "app"],
  connectConcurrency: 200,
  keep: false,
  appNodeFlags: [],
  database: "pglite",
};

export const USAGE = `Usage: npm run bench:sse -- [--clients=1000,10000] [--clients-per-user=100]
  [--steady-rate=5] [--steady-seconds=60] [--burst-deliveries=10000] [--burst-seconds=30]
  [--slow-backlog=40000] [--no-restart] [--only=app|floor] [--connect-concurrency=200] [--keep]
  [--database=pglite|postgres] [--app-node-flags="--cpu-prof --cpu-prof-dir=/tmp/prof"]
Every flag can also be given as BENCH_SSE_<NAME> (e.g. BENCH_SSE_CLIENTS=1000).`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const options: BenchOptions = { ...DEFAULTS };
  for (const [name, value] of readFlags(argv, env, "BENCH_SSE_")) {
    switch (name) {
      case "clients":
        options.clients = value.split(",").map((part) => whole(name, part.replaceAll("_", ""), 1));
        options.clients.sort((a, b) => a - b);
        break;
      case "clients-per-user":
        options.clientsPerUser = whole(name, value, 1);
        break;
      case "steady-rate":
        options.steadyRate = positive(name, value);
        break;
      case "steady-seconds":
        options.steadySeconds = positive(name, value);
        break;
      case "burst-deliveries":
        options.burstDeliveries = positive(name, value);
        break;
      case "burst-seconds":
        options.burstSeconds = positive(name, value);
        break;
      case "slow-backlog":
        options.slowBacklog = whole(name, value, 0);
        break;
      case "restart":
        options.restart = bool(name, value);
        break;
      case "only":
        if (value !== "app" && value !== "floor") throw new OptionsError("--only must be app or floor");
        options.targets = [value];
        break;
      case "connect-concurrency":
        options.connectConcurrency = whole(name, value, 1);
        break;
      case "keep":
        options.keep = bool(name, value);
        break;
      case "database":
        if (value !== "pglite" && value !== "postgres")
          throw new OptionsError("--database must be pglite or postgres");
        options.database = value;
        break;
      case "app-node-flags":
        options.appNodeFlags = value.split(/\s+/).filter(Boolean);
        break;
      default:
        throw new OptionsError(`unknown option --${name}`);
    }
  }
  return options;
}

export class OptionsError extends Error {}

/**
 * `--name=value` flags (`--flag` = true, `--no-flag` = false) over `<PREFIX>NAME` variables of the
 * environment, by flag name; `--help` throws an OptionsError without a message.
 */
export function readFlags(argv: string[], env: NodeJS.ProcessEnv, envPrefix: string): Map<string, string> {
  const given = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(envPrefix) && value !== undefined)
      given.set(key.slice(envPrefix.length).toLowerCase().replaceAll("_", "-"), value);
  }
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") throw new OptionsError("");
    const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new OptionsError(`unknown argument ${arg}`);
    const [, negated, name = "", value] = match;
    given.set(name, negated ? "false" : (value ?? "true"));
  }
  return given;
}

export function whole(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new OptionsError(`--${name} must be a whole number >= ${min}`);
  return n;
}

export function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new OptionsError(`--${name} must be a positive number`);
  return n;
}

export function bool(name: string, value: string): boolean {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new OptionsError(`--${name} must be true or false`);
}
