// The optional state file (SANDBOX_STATE_FILE): loaded once at start, rewritten shortly after
// every change. Writes are atomic (temp file + rename) so a crash never leaves half a file, and
// serialized so two writes never race. close() flushes, so a clean stop loses nothing.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { StateSnapshot } from "./store";

const DEBOUNCE_MS = 20;

/** Reads the state file; undefined when it does not exist yet. Throws on a corrupt file. */
export async function loadStateFile(file: string): Promise<StateSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`SANDBOX_STATE_FILE: cannot read ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`SANDBOX_STATE_FILE: ${file} is not valid JSON; delete it to start empty`);
  }
  const s = parsed as Partial<StateSnapshot> | null;
  if (!s || s.version !== 1 || !Array.isArray(s.users) || !Array.isArray(s.outbox)) {
    throw new Error(
      `SANDBOX_STATE_FILE: ${file} is not a sandbox state file (version 1); delete it to start empty`,
    );
  }
  return s as StateSnapshot;
}

export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => StateSnapshot,
    private readonly onError: (err: Error) => void,
  ) {}

  /** Called on every change; coalesces bursts into one write. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, DEBOUNCE_MS);
    this.timer.unref();
  }

  /** Writes now if anything changed; resolves when the file on disk is current. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      // Serialize now (synchronously) so the file reflects the state at this instant.
      const text = JSON.stringify(this.snapshot());
      const tmp = `${this.file}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.file), { recursive: true });
        await writeFile(tmp, text, { mode: 0o600 });
        await rename(tmp, this.file);
      } catch (err) {
        this.onError(err as Error);
      }
    });
    return this.writing;
  }
}
