// Per-IP REST rate limit, modelled on sFOX's main-API rule (250 requests / 10 s per IP, then a
// 60 s wait). Sliding window: a request is refused when it would be the (limit+1)-th within the
// window, and that IP is then refused for `blockMs`. The control API does not go through here.
import type { SandboxConfig } from "./config";

interface Entry {
  times: number[];
  blockedUntil: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number };

export class RateLimiter {
  private readonly ips = new Map<string, Entry>();

  constructor(private readonly config: Pick<SandboxConfig, "rateLimit" | "rateWindowMs" | "rateBlockMs">) {}

  check(ip: string, now = Date.now()): RateDecision {
    const { rateLimit, rateWindowMs, rateBlockMs } = this.config;
    let e = this.ips.get(ip);
    if (!e) {
      if (this.ips.size > 10_000) this.prune(now);
      e = { times: [], blockedUntil: 0 };
      this.ips.set(ip, e);
    }
    if (e.blockedUntil > now) return { ok: false, retryAfterS: seconds(e.blockedUntil - now) };

    while (e.times.length > 0 && (e.times[0] ?? 0) <= now - rateWindowMs) e.times.shift();
    if (e.times.length >= rateLimit) {
      e.blockedUntil = now + rateBlockMs;
      const oldest = e.times[0] ?? now;
      // With a zero block the client only has to wait for the window to slide.
      const wait = rateBlockMs > 0 ? rateBlockMs : oldest + rateWindowMs - now;
      return { ok: false, retryAfterS: seconds(wait) };
    }
    e.times.push(now);
    return { ok: true };
  }

  private prune(now: number): void {
    for (const [ip, e] of this.ips) {
      const last = e.times[e.times.length - 1] ?? 0;
      if (e.blockedUntil <= now && last <= now - this.config.rateWindowMs) this.ips.delete(ip);
    }
  }

  reset(): void {
    this.ips.clear();
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
