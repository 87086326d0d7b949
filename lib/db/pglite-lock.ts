import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * PGlite is single-process: two processes opening one folder corrupt it. A lock file holding the
 * owner's pid keeps a second process out; a lock left by a dead process is taken over.
 */
export function acquirePgliteLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "app.lock");

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => releaseLock(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (owner === process.pid) return () => releaseLock(lockPath);
      if (Number.isInteger(owner) && isAlive(owner)) {
        throw new Error(
          `The embedded database in ${dir} is in use by another process (pid ${owner}). ` +
            "Stop that process, use another DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.",
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}.`);
}

function releaseLock(lockPath: string): void {
  try {
    if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.rmSync(lockPath, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
