// The automatic review: once an account has no requirement left it becomes VERIFIED after
// SANDBOX_REVIEW_MS (unless SANDBOX_AUTO_REVIEW=false). The due time is stored on the account,
// so a restart re-arms pending reviews; timers are unref'd and cleared on close so they never
// keep the process alive.
import type { SandboxConfig } from "./config";
import type { Store, UserRecord } from "./store";

export class Reviewer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly config: Pick<SandboxConfig, "autoReview" | "reviewMs">,
    private readonly store: Store,
    private readonly onDecided: (user: UserRecord) => void,
  ) {}

  private static ready(u: UserRecord): boolean {
    return (
      u.deactivated_at === null && u.status === "PENDING" && !u.requirements.email && !u.requirements.sms
    );
  }

  /** Called after a requirement was cleared: schedules the review when nothing is left. */
  maybeSchedule(user: UserRecord): void {
    if (!this.config.autoReview || !Reviewer.ready(user) || user.review_due_at !== null) return;
    const due = Date.now() + this.config.reviewMs;
    this.store.update(user, (u) => (u.review_due_at = due));
    this.arm(user.user_id, due);
  }

  private arm(userId: string, due: number): void {
    this.clearTimer(userId);
    const timer = setTimeout(() => this.fire(userId), Math.max(0, due - Date.now()));
    timer.unref();
    this.timers.set(userId, timer);
  }

  private fire(userId: string): void {
    this.timers.delete(userId);
    const user = this.store.active(userId);
    if (!user || user.review_due_at === null) return;
    const approve = Reviewer.ready(user);
    this.store.update(user, (u) => {
      u.review_due_at = null;
      if (approve) u.status = "VERIFIED";
    });
    if (approve) this.onDecided(user);
  }

  /** A decision or a deactivation overrides a scheduled review. */
  cancel(user: UserRecord): void {
    this.clearTimer(user.user_id);
    if (user.review_due_at !== null) this.store.update(user, (u) => (u.review_due_at = null));
  }

  /** After loading the state file: re-arm every review that was pending at shutdown. */
  rearmAll(): void {
    if (!this.config.autoReview) return;
    for (const u of this.store.listActive()) {
      if (u.review_due_at !== null) this.arm(u.user_id, u.review_due_at);
    }
  }

  private clearTimer(userId: string): void {
    const t = this.timers.get(userId);
    if (t) clearTimeout(t);
    this.timers.delete(userId);
  }

  stopAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
