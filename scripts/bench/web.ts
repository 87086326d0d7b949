/**
 * `npm run bench:web`: what each page costs the browser, against the floor of an empty Next.js page.
 *
 * - Builds the app (`next build`), and the floor: an empty App Router page (`.bench-web-floor/`,
 *   an empty layout and page) built with the same Next.js and React from this project's node_modules.
 * - Serves both (the app as `npm start` runs it, with its sandbox and a fresh database; the floor with
 *   `next start`) and loads each page in headless Chromium with an empty cache: first-load JavaScript
 *   and CSS = every script and stylesheet the page loads until the network is idle, each gzipped
 *   (level 9, as a CDN would) and summed.
 * - Pages: `/`, every wizard step (an individual's: account, contact, identity, review, verify; a
 *   corporation's: business, owners), `/admin` (signed in). Each step is reached by filling the steps
 *   before it, then loaded afresh in a new browser context with the same cookies.
 * - Time to interactive of the wizard's first step: navigation start -> React has hydrated its
 *   Continue button (its props are attached), median of 5 fresh loads.
 * Last line: `BENCH web floor_kb=F landing_kb=L wizard_kb=W admin_kb=A wizard_tti_ms=T`
 * (wizard_kb: the heaviest step).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, chromium, expect, type Page } from "@playwright/test";
import {
  continueTo,
  fillAccount,
  fillBusiness,
  fillContact,
  fillIdentity,
  submitApplication,
  uniqueEmail,
  usIndividual,
} from "../../e2e/support/wizard";
import { BenchRun } from "./bench-run";
import { ensureBuild } from "./ensure-build";
import { waitFor } from "./processes";
import { newBenchContext, startApp, startSandbox } from "./servers";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..", "..");
const floorDir = path.join(root, ".bench-web-floor");
const ADMIN = { email: "bench-web@example.test", password: "bench-web-password-0123" };
const run = new BenchRun("bench:web");

interface Weight {
  page: string;
  jsKb: number;
  cssKb: number;
  scripts: number;
}

function say(line: string): void {
  console.log(line);
}

async function main(): Promise<void> {
  await ensureBuild(root, say, "bench:web", true);
  writeFloor();
  await ensureBuild(floorDir, say, "bench:web (floor)", true);

  const { workDir, logDir, group } = run.workspace("bench-web", root, false);
  const ctx = await newBenchContext({ root, group, workDir, logDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  await startSandbox(ctx);
  await startApp(ctx);
  // Started from its own folder: `next start` serves the build of the directory it runs in.
  const floorGroup = run.processGroup(floorDir, logDir);
  floorGroup.spawnNode("floor", require.resolve("next/dist/bin/next", { paths: [floorDir] }), {
    args: ["start", "-p", String(ctx.floorPort), "-H", "127.0.0.1"],
    env: { ...ctx.baseEnv, NODE_ENV: "production" },
  });
  const floorOrigin = `http://127.0.0.1:${ctx.floorPort}`;
  const appOrigin = `http://127.0.0.1:${ctx.appPort}`;
  await waitFor("the floor", 60_000, async () => ((await fetch(floorOrigin).catch(() => null))?.ok ? true : undefined));

  const browser = await chromium.launch({ executablePath: chromiumExecutable() });
  run.onFinish(() => browser.close());
  const floor = await weigh(browser, floorOrigin, "/", null, "floor: empty page");
  say(`  floor (empty Next.js page): ${describe(floor)}`);
  const landing = await weigh(browser, appOrigin, "/", null);
  say(`  /: ${describe(landing)}`);
  const steps = await weighWizard(browser, appOrigin);
  const admin = await weighAdmin(browser, appOrigin);
  say(`  /admin: ${describe(admin)}`);
  const tti = await wizardTti(browser, appOrigin, 5);
  say(`  wizard time to interactive (5 loads): ${tti.map((ms) => ms.toFixed(0)).join(", ")} ms`);

  const heaviest = steps.reduce((max, step) => (step.jsKb > max.jsKb ? step : max));
  const medianTti = [...tti].sort((a, b) => a - b)[Math.floor(tti.length / 2)]!;
  const rows = [floor, landing, ...steps, admin];
  const lines = [
    "",
    `Page weight: first-load JavaScript and CSS, gzip -9, of every script and stylesheet a page loads (empty cache);`,
    `Next.js ${nextVersion()} production builds; the floor is an empty App Router page built with the same versions.`,
    "",
    `${"page".padEnd(26)}| ${"JS KB".padStart(7)} | ${"above floor".padStart(11)} | ${"CSS KB".padStart(6)} | scripts`,
    "-".repeat(70),
    ...rows.map(
      (row) =>
        `${row.page.padEnd(26)}| ${row.jsKb.toFixed(1).padStart(7)} | ${(row === floor ? "" : `+${(row.jsKb - floor.jsKb).toFixed(1)}`).padStart(11)} | ${row.cssKb.toFixed(1).padStart(6)} | ${row.scripts}`,
    ),
    "",
    `Wizard time to interactive (navigation start -> Continue hydrated), median of 5: ${medianTti.toFixed(0)} ms.`,
    `Targets: heaviest wizard step (${heaviest.page}) at most 50 KB above the floor: ${verdict(heaviest.jsKb - floor.jsKb, 50)}; ` +
      `landing at most 10 KB above it: ${verdict(landing.jsKb - floor.jsKb, 10)}.`,
    `BENCH web floor_kb=${floor.jsKb.toFixed(1)} landing_kb=${landing.jsKb.toFixed(1)} wizard_kb=${heaviest.jsKb.toFixed(1)} admin_kb=${admin.jsKb.toFixed(1)} wizard_tti_ms=${medianTti.toFixed(0)}`,
  ];
  await run.finish(0, () => lines.forEach((line) => console.log(line)));
}

function verdict(above: number, limit: number): string {
  return `${above <= limit ? "met" : "NOT MET"} (+${above.toFixed(1)} KB)`;
}

function describe(weight: Weight): string {
  return `${weight.jsKb.toFixed(1)} KB JS in ${weight.scripts} scripts, ${weight.cssKb.toFixed(1)} KB CSS`;
}

/** Loads `pathname` in a fresh context (empty cache; the given cookies) and sums what it loaded. */
async function weigh(browser: Browser, origin: string, pathname: string, from: BrowserContext | null, label = pathname): Promise<Weight> {
  const context = await browser.newContext(from ? { storageState: await from.storageState() } : {});
  const page = await context.newPage();
  const bodies: Array<Promise<{ type: string; bytes: number }>> = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    bodies.push(
      response.body().then(
        (body) => ({ type, bytes: gzipSync(body, { level: 9 }).length }),
        () => ({ type, bytes: 0 }),
      ),
    );
  });
  await page.goto(`${origin}${pathname}`, { waitUntil: "networkidle" });
  const loaded = await Promise.all(bodies);
  await context.close();
  const kb = (type: string) => loaded.filter((entry) => entry.type === type).reduce((sum, entry) => sum + entry.bytes, 0) / 1024;
  return { page: label, jsKb: kb("script"), cssKb: kb("stylesheet"), scripts: loaded.filter((entry) => entry.type === "script").length };
}

/** An individual's steps through to verify, and a corporation's business and owners steps. */
async function weighWizard(browser: Browser, origin: string): Promise<Weight[]> {
  const weights: Weight[] = [];
  const measure = async (page: Page, step: string) => {
    const weight = await weigh(browser, origin, `/onboarding/${step}`, page.context(), `wizard: ${step}`);
    say(`  ${weight.page}: ${describe(weight)}`);
    weights.push(weight);
  };

  const individual = await browser.newContext({ baseURL: origin });
  const page = await individual.newPage();
  const person = usIndividual();
  person.contact.email = uniqueEmail("bench-web");
  await page.goto("/onboarding");
  await measure(page, "account");
  await fillAccount(page, { type: "individual", purpose: "Investing" });
  await continueTo(page, "contact");
  await measure(page, "contact");
  await fillContact(page, person.contact);
  await continueTo(page, "identity");
  await measure(page, "identity");
  await fillIdentity(page, person.identity);
  await continueTo(page, "review");
  await measure(page, "review");
  await submitApplication(page);
  await expect(page).toHaveURL(/\/onboarding\/verify$/, { timeout: 30_000 });
  await measure(page, "verify");
  await individual.close();

  const corporation = await browser.newContext({ baseURL: origin });
  const corporate = await corporation.newPage();
  await corporate.goto("/onboarding");
  await fillAccount(corporate, { type: "corporation", purpose: "Treasury Management" });
  await continueTo(corporate, "contact");
  await fillContact(corporate, { ...usIndividual().contact, email: uniqueEmail("bench-web-corp") });
  await continueTo(corporate, "business");
  await measure(corporate, "business");
  await fillBusiness(corporate, { name: "Bench Web LLC", registrationNumber: "12-3456789" });
  await continueTo(corporate, "owners");
  await measure(corporate, "owners");
  await corporation.close();
  return weights;
}

async function weighAdmin(browser: Browser, origin: string): Promise<Weight> {
  const context = await browser.newContext({ baseURL: origin });
  const response = await context.request.post("/api/auth/sign-in/email", { data: ADMIN, headers: { origin } });
  if (!response.ok()) throw new Error(`admin sign-in: ${response.status()} ${await response.text()}`);
  const weight = await weigh(browser, origin, "/admin", context, "/admin");
  await context.close();
  return weight;
}

async function wizardTti(browser: Browser, origin: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    await page.goto("/onboarding/account", { waitUntil: "commit" });
    await page.waitForFunction(
      () => {
        const button = [...document.querySelectorAll("button")].find((candidate) => candidate.textContent?.includes("Continue"));
        return button !== undefined && Object.keys(button).some((key) => key.startsWith("__reactProps"));
      },
      undefined,
      { polling: 5 },
    );
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return times;
}

/** The floor: an empty App Router page and layout (JavaScript, so it needs no TypeScript setup). */
function writeFloor(): void {
  fs.rmSync(floorDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(floorDir, "app"), { recursive: true });
  // A project of its own: Turbopack's root is its folder (else it would take this project's
  // instrumentation and proxy), with this project's node_modules hard-linked in (the same versions;
  // Turbopack compiles nothing outside its root, so a symlink will not do).
  fs.writeFileSync(path.join(floorDir, "package.json"), '{ "name": "bench-web-floor", "private": true, "type": "module" }\n');
  fs.writeFileSync(
    path.join(floorDir, "next.config.mjs"),
    `export default { poweredByHeader: false, turbopack: { root: ${JSON.stringify(floorDir)} } };\n`,
  );
  const linked = spawnSync("cp", ["-al", path.join(root, "node_modules"), path.join(floorDir, "node_modules")]);
  if (linked.status !== 0) throw new Error(`could not link node_modules into the floor: ${linked.stderr}`);
  fs.writeFileSync(
    path.join(floorDir, "app", "layout.jsx"),
    'export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  );
  fs.writeFileSync(path.join(floorDir, "app", "page.jsx"), "export default function Page() {\n  return null;\n}\n");
}

function nextVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve("next/package.json", { paths: [root] }), "utf8")) as { version: string }).version;
}

function chromiumExecutable(): string | undefined {
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Not installed: the system browser.
  }
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

main().catch((error: unknown) => run.fail(error));
