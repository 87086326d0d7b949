/**
 * Preloaded (`node --import`) into every process the benchmark starts; changes nothing else.
 * - BENCH_PARENT_PID: exits this process when the benchmark is gone (killed without cleanup).
 * - BENCH_PROBE_PORT: measures this process's event-loop delay the way lib/realtime/runtime.ts
 *   does (monitorEventLoopDelay, 10 ms resolution) and serves it on 127.0.0.1:<port>:
 *   GET /reset starts a window, GET /read returns it; GET /memory runs a full garbage collection
 *   (when the process was started with --expose-gc) and returns process.memoryUsage(). Figures are the lateness of the 10 ms
 *   timer, i.e. the histogram minus the resolution (an idle loop reads ~0, not ~10 ms).
 * The same code measures the app and the floor, so their figures compare.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

const RESOLUTION_MS = 10;

const parent = Number(process.env.BENCH_PARENT_PID);
if (Number.isInteger(parent) && parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(1);
    }
  }, 1_000).unref();
}

const port = Number(process.env.BENCH_PROBE_PORT);
if (Number.isInteger(port) && port > 0) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const late = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
  const server = http.createServer((req, res) => {
    if (req.url === "/reset") histogram.reset();
    if (req.url === "/memory") {
      // Started with --expose-gc: a full collection first, so garbage is not counted.
      (globalThis as { gc?: () => void }).gc?.();
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(process.memoryUsage()));
      return;
    }
    const body =
      histogram.count === 0
        ? { count: 0, p50: 0, p99: 0, max: 0 }
        : {
            count: histogram.count,
            p50: late(histogram.percentile(50)),
            p99: late(histogram.percentile(99)),
            max: late(histogram.max),
          };
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  });
  server.listen(port, "127.0.0.1");
  server.unref();
}
