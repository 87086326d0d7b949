// The entry of the embedded database's thread (lib/db/pglite-worker-thread.ts). Node starts a worker
// from a file it can load as it is, whoever starts it (Next.js's server, a tsx script, vitest), so
// this plain-JavaScript entry teaches the thread TypeScript first, then loads the real module.
import { register } from "tsx/esm/api";

register();
await import("./pglite-worker-thread.ts");
