/**
 * `npm run test:secrets`, the last step of `npm test`: after the browser tests have run the whole
 * product, look everywhere a secret could have leaked for every secret the run used.
 *
 * Secrets: the sandbox's API key, SESSION_SECRET and TOKEN_ENCRYPTION_KEY (the e2e server's
 * generated ones), every user_token the app received (unsealed from its database with that key),
 * and every government id number the browser tests typed (e2e/support/government-ids.ts).
 * Places: every file of the build under .next/static (what browsers download), the e2e server's
 * whole log (.data/e2e-server-<port>.log, written by playwright.config.ts) and the scale-out
 * instances' logs, and every row of every table of the e2e database. Government ids and plaintext
 * tokens must not be in the database at all (tokens are stored sealed).
 *
 * Run with `--conditions=react-server` (it uses the app's own database code).
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { TEST_GOVERNMENT_IDS } from "../e2e/support/government-ids";
import { open } from "../lib/crypto/secret-box";
import { openDatabase, queryRows } from "../lib/db/client";
import { type Needle, findSecrets } from "./secrets-scan";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.join(root, ".data", `e2e-${port}`);
const serverLog = path.join(root, ".data", `e2e-server-${port}.log`);

function* filesUnder(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

/** The e2e server may still be shutting down when Playwright returns: wait for it to let go. */
async function openWhenReleased(): Promise<Awaited<ReturnType<typeof openDatabase>>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await openDatabase({ dataDir });
    } catch (error) {
      if (!(error instanceof Error) || !/in use by another process/.test(error.message) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function decodeKey(value: string): Buffer {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

async function main(): Promise<void> {
  for (const required of [dataDir, serverLog, path.join(root, ".next", "static")]) {
    if (!fs.existsSync(required)) throw new Error(`${path.relative(root, required)} is missing: run the browser tests first (npm run test:e2e)`);
  }
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<string, string>;
  const handle = await openWhenReleased();
  try {
    const sealed = await queryRows<{ token: string }>(
      handle.db,
      sql`SELECT user_token_encrypted AS token FROM users WHERE user_token_encrypted IS NOT NULL`,
    );
    const key = decodeKey(secrets.TOKEN_ENCRYPTION_KEY ?? "");
    const tokens = sealed.map(({ token }) => open(token, key));

    const governmentIds: Needle[] = Object.values(TEST_GOVERNMENT_IDS).map((value) => ({ kind: "a government id number typed by the tests", value }));
    const tokenNeedles: Needle[] = tokens.map((value) => ({ kind: "a user_token", value }));
    const needles: Needle[] = [
      { kind: "the sFOX (sandbox) API key", value: "sandbox-key" },
      { kind: "SESSION_SECRET", value: secrets.SESSION_SECRET ?? "" },
      { kind: "TOKEN_ENCRYPTION_KEY", value: secrets.TOKEN_ENCRYPTION_KEY ?? "" },
      ...governmentIds,
      ...tokenNeedles,
    ];

    const files = [
      ...filesUnder(path.join(root, ".next", "static")),
      serverLog,
      ...[...filesUnder(path.join(root, "test-results"))].filter((file) => /cluster-.*\.log$/.test(file)),
    ];
    let bytes = 0;
    const fileSources = files.map((file) => {
      const text = fs.readFileSync(file, "latin1");
      bytes += text.length;
      return { name: path.relative(root, file), text };
    });
    const fileFindings = findSecrets(fileSources, needles);
    // The cluster logs carry their own random API key: it must not appear there either.
    for (const source of fileSources.filter(({ name }) => name.includes("cluster-"))) {
      if (/cluster-key-[0-9a-f]{12}/.test(source.text)) fileFindings.push({ kind: "the scale-out test's API key", source: source.name });
    }

    const tables = await queryRows<{ name: string }>(handle.db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    let rows = 0;
    const rowSources: Array<{ name: string; text: string }> = [];
    for (const { name } of tables) {
      const texts = await queryRows<{ row: string }>(handle.db, sql`SELECT t::text AS row FROM ${sql.identifier(name)} t`);
      rows += texts.length;
      rowSources.push(...texts.map(({ row }, index) => ({ name: `table ${name}, row ${index + 1}`, text: row })));
    }
    const databaseFindings = findSecrets(rowSources, [...governmentIds, ...tokenNeedles]);

    console.log(
      `test:secrets: looked for ${needles.length} secrets (the API key, 2 app secrets, ${governmentIds.length} government ids, ${tokens.length} user tokens) ` +
        `in ${files.length} files (${(bytes / 1024 / 1024).toFixed(1)} MB: the build's static files, the server logs) and ${rows} rows of ${tables.length} tables.`,
    );
    const findings = [...fileFindings, ...databaseFindings];
    if (findings.length > 0) {
      for (const finding of findings) console.error(`  FOUND ${finding.kind} in ${finding.source}`);
      process.exitCode = 1;
      return;
    }
    if (tokens.length === 0 || rows === 0) {
      console.error("  the e2e database holds no user token or no row: the browser tests did not run against it");
      process.exitCode = 1;
      return;
    }
    console.log("test:secrets: none found.");
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`test:secrets failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
