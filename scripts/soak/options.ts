/**
 * Flags of `npm run soak` (each also readable from the environment as SOAK_<NAME>, e.g.
 * SOAK_REGISTRATIONS=40). Flags win over the environment.
 */
import { OptionsError, bool, positive, readFlags, whole } from "../bench/options";

export interface SoakOptions {
  /** Simulated applicants, each one registration through the server actions. */
  registrations: number;
  /** Applicants in the middle of their journey at once, at most. */
  concurrency: number;
  /** New applicants per second, at most. */
  rate: number;
  /** Share of sFOX REST calls answered 500, 503 or 429 (a third each). */
  faultRate: number;
  /** Mean seconds between two drops of the upstream WebSocket (0 = none). */
  dropEvery: number;
  /** Seconds the feed stays down after each drop (the sandbox refuses to reconnect meanwhile). */
  feedDown: number;
  /** Stops (SIGTERM) and starts of the app, spread over the registrations. */
  restarts: number;
  /** Mean seconds between two cuts of a random end-user stream by its "network" (0 = none). */
  cutEvery: number;
  /** After the load, how long everything may take to agree before what differs is a mismatch. */
  settleSeconds: number;
  /** Keep the temporary DATA_DIR and logs (printed at the end). */
  keep: boolean;
}

const DEFAULTS: SoakOptions = {
  registrations: 200,
  concurrency: 10,
  rate: 2,
  faultRate: 0.1,
  dropEvery: 4,
  feedDown: 1,
  restarts: 1,
  cutEvery: 2,
  settleSeconds: 60,
  keep: false,
};

export const USAGE = `Usage: npm run soak -- [--registrations=200] [--concurrency=10] [--rate=2] [--fault-rate=0.1]
  [--drop-every=4] [--feed-down=1] [--restarts=1] [--cut-every=2] [--settle-seconds=60] [--keep]
Every flag can also be given as SOAK_<NAME> (e.g. SOAK_REGISTRATIONS=40).`;

export function parseSoakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const options: SoakOptions = { ...DEFAULTS };
  for (const [name, value] of readFlags(argv, env, "SOAK_")) {
    switch (name) {
      case "registrations":
        options.registrations = whole(name, value, 1);
        break;
      case "concurrency":
        options.concurrency = whole(name, value, 1);
        break;
      case "rate":
        options.rate = positive(name, value);
        break;
      case "fault-rate":
        options.faultRate = Number(value);
        if (!(options.faultRate >= 0 && options.faultRate <= 0.9)) throw new OptionsError("--fault-rate must be from 0 to 0.9");
        break;
      case "drop-every":
        options.dropEvery = secondsOrNone(name, value);
        break;
      case "feed-down":
        options.feedDown = secondsOrNone(name, value);
        break;
      case "restarts":
        options.restarts = whole(name, value, 0);
        break;
      case "cut-every":
        options.cutEvery = secondsOrNone(name, value);
        break;
      case "settle-seconds":
        options.settleSeconds = positive(name, value);
        break;
      case "keep":
        options.keep = bool(name, value);
        break;
      default:
        throw new OptionsError(`unknown option --${name}`);
    }
  }
  return options;
}

function secondsOrNone(name: string, value: string): number {
  const n = Number(value);
  if (!(n >= 0)) throw new OptionsError(`--${name} must be a number of seconds, 0 for none`);
  return n;
}
