import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { appPort as port, sandboxPort } from "./e2e/ports";

// Per port, so two runs on different ports never share one embedded database.
const dataDir = `.data/e2e-${port}`;

/** Playwright's own Chromium when installed, else CHROMIUM_PATH, else Debian's `chromium` package. */
function chromiumExecutable(): string | undefined {
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Not installed: fall through to the system browser.
  }
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      // This machine has no outside network; without these Chromium keeps dialing Google's services.
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs the partner admin in once and saves the session the admin specs reuse (see e2e/admin.setup.ts).
    // Every spec depends on it, so it finishes before admin-sign-in.spec.ts can exhaust the sign-in limit.
    { name: "admin-setup", testMatch: /admin\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["admin-setup"] },
  ],
  webServer: {
    // A fresh embedded database and sandbox state for every run. The whole log is kept, for
    // `npm run test:secrets` to search after the run (scripts/check-secrets.ts).
    command: `rm -rf ${dataDir} && mkdir -p .data && node --import tsx scripts/start.ts 2>&1 | tee .data/e2e-server-${port}.log`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      DATA_DIR: dataDir,
      // A known partner admin, created at start, for e2e/admin-sign-in.spec.ts.
      ADMIN_EMAIL: "admin@e2e.test",
      ADMIN_PASSWORD: "e2e-admin-password-0123",
    },
  },
});
