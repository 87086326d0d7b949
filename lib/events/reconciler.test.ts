import { afterEach, describe, expect, it, vi } from "vitest";
import { Reconciler } from "./reconciler";

afterEach(() => {
  vi.useRealTimers();
});

describe("Reconciler", () => {
  it("never runs twice at once, and folds requests during a run into one more run", async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    const reconciler = new Reconciler(async () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => (release = resolve));
      active--;
    }, 1_000);

    reconciler.request();
    for (let i = 0; i < 10; i++) reconciler.request();
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    release();
    await reconciler.idle();
    expect(maxActive).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(2);
  });

  it("spaces runs out: a flapping upstream gets at most one run per interval", async () => {
    vi.useFakeTimers();
    let runs = 0;
    const reconciler = new Reconciler(async () => {
      runs++;
    }, 5_000);
    for (let second = 0; second < 30; second++) {
      reconciler.request();
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(runs).toBeGreaterThanOrEqual(5);
    expect(runs).toBeLessThanOrEqual(7);
    await reconciler.stop();
  });

  it("retries after a failure, and reports it", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const errors: unknown[] = [];
    const reconciler = new Reconciler(
      async () => {
        calls++;
        if (calls === 1) throw new Error("sFOX is down");
      },
      1_000,
      (error) => errors.push(error),
    );
    reconciler.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(reconciler.health().lastError).toBe("sFOX is down");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    expect(reconciler.health().lastError).toBeNull();
    expect(errors).toHaveLength(1);
    await reconciler.stop();
  });
});
