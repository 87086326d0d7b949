import { z } from "zod";

// zod 4 compiles object parsers with `new Function` where it can, and probes for that by trying it.
// The pages' Content-Security-Policy forbids eval (the probe alone is reported as a violation), so
// the app's zod never tries: every schema in the app imports `z` from here.
z.config({ jitless: true });

export { z };
