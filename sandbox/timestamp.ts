// WebSocket timestamps: nanoseconds since the epoch, as sFOX's examples show (19 digits).
// A JS number cannot hold them exactly (2^53 ~ 9e15), so they are BigInts and are spliced
// into the JSON text as integer literals; JSON.stringify never sees them.

let last = 0n;

// Wall clock at start plus the monotonic clock since then: nanosecond resolution without
// calling Date.now() for every message, and immune to the wall clock stepping backwards.
const originWallNs = BigInt(Date.now()) * 1_000_000n;
const originMono = process.hrtime.bigint();

/** Strictly increasing across the whole process, so clients can order events. */
export function nowNs(): bigint {
  let t = originWallNs + (process.hrtime.bigint() - originMono);
  if (t <= last) t = last + 1n;
  last = t;
  return t;
}

/**
 * Serializes a flat list of [key, value] pairs in order. BigInt values are written as bare
 * integer literals; everything else goes through JSON.stringify.
 */
export function rawJson(entries: ReadonlyArray<readonly [string, unknown]>): string {
  const parts = entries.map(([key, value]) => {
    const text = typeof value === "bigint" ? value.toString() : JSON.stringify(value);
    return `${JSON.stringify(key)}:${text}`;
  });
  return `{${parts.join(",")}}`;
}
