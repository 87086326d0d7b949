import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * In sandbox mode nobody should have to invent secrets to try the product, so the start command
 * makes them once and keeps them beside the data they protect (DATA_DIR/secrets.json, mode 0600).
 * Restarting reuses them, so sessions and encrypted tokens stay readable.
 */
export interface LocalSecrets {
  SESSION_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
}

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalSecrets>;
    if (stored.SESSION_SECRET && stored.TOKEN_ENCRYPTION_KEY) {
      return { SESSION_SECRET: stored.SESSION_SECRET, TOKEN_ENCRYPTION_KEY: stored.TOKEN_ENCRYPTION_KEY };
    }
  }
  const secrets: LocalSecrets = {
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
