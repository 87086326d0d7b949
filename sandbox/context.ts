// What route handlers share: the configuration and the running parts of one sandbox instance.
// Built once in server.ts; handlers receive it instead of reaching for module-level state, so
// several sandboxes can run in one process (tests).
import type { SandboxConfig } from "./config";
import type { Faults } from "./faults";
import type { Feed } from "./feed";
import type { RateLimiter } from "./rate-limit";
import type { Reviewer } from "./review";
import type { Store, UserRecord } from "./store";

export interface Context {
  config: SandboxConfig;
  store: Store;
  feed: Feed;
  reviewer: Reviewer;
  faults: Faults;
  limiter: RateLimiter;
  startedAt: number;
}

/** A state change every feed subscriber must hear about. */
export function publish(ctx: Context, user: UserRecord): void {
  ctx.feed.publishUser(user);
}
