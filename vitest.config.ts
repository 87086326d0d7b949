import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,app,components,sandbox,scripts,test}/**/*.test.{ts,tsx}"],
    environment: "node",
    // Test-only secrets, so server code that needs them runs as it does under `npm start`.
    env: {
      SESSION_SECRET: "test-session-secret-test-session-secret",
      TOKEN_ENCRYPTION_KEY: "0f".repeat(32),
      LOG_LEVEL: "warn",
    },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Database and sandbox tests start real servers; two cores are enough for two files at once.
    maxWorkers: 2,
  },
});
