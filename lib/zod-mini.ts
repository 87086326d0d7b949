import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

// The schemas the browser imports (lib/validations) use zod mini: classic zod's `z` brings every
// method and, through it, every locale (90 KB gzip in the browser); mini brings the functions a
// schema uses, on top of zod's core, which Turbopack keeps whole (about 26 KB).
// The same two settings as lib/zod.ts: no probing for eval (the pages' CSP forbids it), and the
// English messages classic zod has by default (mini has none: any message a schema does not set
// itself would read "Invalid input").
config({ ...en(), jitless: true });

export * from "zod/mini";
