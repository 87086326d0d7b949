/**
 * The app as `npm start` runs it: scripts/start.ts validates the configuration, makes the
 * sandbox-mode secrets in DATA_DIR, starts the sFOX sandbox and scripts/app-server.ts (production
 * build). Here on free loopback ports, in the benchmark's DATA_DIR, with a known first admin, who
 * signs in once (sign-in is limited to 5 attempts a minute per address).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { cleanEnv } from "./servers";
import { type Child, type ProcessGroup, freePort, getJson, waitFor } from "./processes";

export interface RunningApp {
  url: string;
  launcher: Child;
  /** The signed-in admin's cookies, as a Cookie header. */
  cookie: string;
}

interface Health {
  ok?: boolean;
  feed?: { connected?: boolean } | null;
  reconciliation?: { running?: boolean; runs?: number } | null;
}

const ADMIN_EMAIL = "bench-admin@example.com";

export async function startAdminApp(
  group: ProcessGroup,
  options: { root: string; name: string; dataDir: string; databaseUrl: string | null },
): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const password = randomBytes(18).toString("base64url");
  const launcher = group.spawnNode(`${options.name}-app`, path.join(options.root, "scripts", "start.ts"), {
    env: {
      ...cleanEnv(process.env),
      PORT: String(port),
      SANDBOX_PORT: String(await freePort()),
      DATA_DIR: options.dataDir,
      APP_URL: url,
      // Empty, not unset: the launcher and Next.js read .env files, and an empty value keeps a
      // developer's DATABASE_URL or SFOX_API_KEY there from changing what is measured.
      DATABASE_URL: options.databaseUrl ?? "",
      SFOX_API_KEY: "",
      SFOX_API_URL: "",
      SFOX_WS_URL: "",
      ADMIN_EMAIL,
      ADMIN_PASSWORD: password,
      LOG_LEVEL: "warn",
    },
  });
  // Ready = answering, its database open, subscribed to the sandbox's feed, and the start-up
  // reconciliation over (nothing running in the background while pages are timed).
  await waitFor("the app", 180_000, async () => {
    const { body } = await getJson<Health>(`${url}/api/health`);
    return body.ok &&
      body.feed?.connected &&
      (body.reconciliation?.runs ?? 0) >= 1 &&
      !body.reconciliation?.running
      ? true
      : undefined;
  });
  return { url, launcher, cookie: await signIn(url, password) };
}

async function signIn(url: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    // better-auth refuses a sign-in whose Origin is not the app's own.
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email: ADMIN_EMAIL, password }),
    redirect: "manual",
  });
  if (response.status !== 200)
    throw new Error(`signing in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  if (!cookie.includes("session_token="))
    throw new Error(`signing in set no session cookie (${cookie || "none"})`);
  return cookie;
}
