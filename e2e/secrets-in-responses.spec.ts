// Issue 8, secrets: everything the server sends a browser during a whole onboarding and an admin's
// work on it (every page's HTML, every RSC and action answer, both event streams) is searched for
// the API key, every user_token sFOX issued meanwhile and every government id number the tests type.
import { expect, test, type BrowserContext } from "@playwright/test";
import WebSocket from "ws";
import { findSecrets, type Needle } from "../scripts/secrets-scan";
import { appPort, sandboxPort } from "./ports";
import { ADMIN_STATE } from "./support/admin";
import { TEST_GOVERNMENT_IDS } from "./support/government-ids";
import { openIndividualAccount } from "./support/journeys";
import { decide } from "./support/sandbox";

const APP_ORIGIN = `http://127.0.0.1:${appPort}`;
const SANDBOX_API_KEY = "sandbox-key";

/**
 * A second subscriber to the sandbox's feed, as the app is: every user_token sFOX hands out while
 * it listens (the feed is where the app receives them).
 */
async function watchIssuedTokens(): Promise<{ tokens: Set<string>; close(): void }> {
  const tokens = new Set<string>();
  const socket = new WebSocket(`ws://127.0.0.1:${sandboxPort}/ws`);
  const collect = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if (key === "user_token" && typeof (item as { token?: unknown })?.token === "string") tokens.add((item as { token: string }).token);
      else collect(item);
    }
  };
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ type: "authenticate", apiKey: SANDBOX_API_KEY, enterprise: true })));
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { type?: string; action?: string; payload?: { action?: string } };
      const replyTo = frame.payload?.action ?? frame.action;
      if (frame.type === "error") reject(new Error(`the sandbox's feed refused: ${String(data)}`));
      else if (frame.type === "success" && replyTo === "authenticate") {
        socket.send(JSON.stringify({ type: "subscribe", feeds: ["private.enterprise.users"] }));
      } else if (frame.type === "success" && replyTo === "subscribe") resolve();
      collect(frame);
    });
  });
  return { tokens, close: () => socket.close() };
}

/**
 * Keeps the text of every answer the app sends this context, except the streams (read below), and
 * the full HTML of every page it shows: the wizard moves between steps by client navigation (RSC),
 * so each page it reaches is also loaded whole, with the same cookies, as a reload would.
 */
function recordAnswers(context: BrowserContext, into: Array<{ name: string; text: string }>, pending: Array<Promise<void>>): void {
  context.on("page", (page) =>
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame() || !frame.url().startsWith(APP_ORIGIN) || frame.url().endsWith("/robots.txt")) return;
      const url = frame.url();
      pending.push(
        (async () => {
          const cookie = (await context.cookies(url)).map(({ name, value }) => `${name}=${value}`).join("; ");
          const response = await fetch(url, { headers: { accept: "text/html", cookie } });
          into.push({ name: `GET ${url} (text/html, reloaded)`, text: await response.text() });
        })().catch(() => undefined), // a page missing here fails the "was read" check below
      );
    }),
  );
  context.on("response", async (response) => {
    if (!response.url().startsWith(APP_ORIGIN)) return;
    const type = response.headers()["content-type"] ?? "";
    if (!/text\/html|text\/x-component|json|text\/plain/.test(type)) return;
    try {
      into.push({ name: `${response.request().method()} ${response.url()} (${type.split(";")[0]})`, text: await response.text() });
    } catch {
      // A redirect or an aborted navigation has no body to read.
    }
  });
}

/**
 * Reads `path` (an event stream) with the context's cookies, from a tab of its own (the others
 * navigate), until `stop()`; `text` is everything read.
 */
async function readStream(context: BrowserContext, path: string): Promise<{ text: Promise<string>; stop(): Promise<void> }> {
  const page = await context.newPage();
  await page.goto("/robots.txt");
  const text = page.evaluate(async (url) => {
    const controller = new AbortController();
    (window as unknown as { __stopStream: () => void }).__stopStream = () => controller.abort();
    const response = await fetch(url, { signal: controller.signal, headers: { accept: "text/event-stream" } });
    const reader = response.body!.getReader();
    let read = "";
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        read += new TextDecoder().decode(chunk.value);
      }
    } catch {
      // Stopped.
    }
    return read;
  }, path);
  return { text, stop: () => page.evaluate(() => (window as unknown as { __stopStream: () => void }).__stopStream()) };
}

test("no page, answer or event stream of a whole onboarding carries the API key, a user_token or an id number", async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const feed = await watchIssuedTokens();
  const answers: Array<{ name: string; text: string }> = [];
  const userContext = await browser.newContext();
  const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
  const reloads: Array<Promise<void>> = [];
  recordAnswers(userContext, answers, reloads);
  recordAnswers(adminContext, answers, reloads);
  try {
    // The admin watches the live list while a person opens an account (typing an SSN).
    const admin = await adminContext.newPage();
    await admin.goto("/admin");
    const adminStream = await readStream(adminContext, "/api/admin/events");
    const person = await userContext.newPage();
    await person.goto("/");
    const { userId } = await openIndividualAccount(person, request);

    // The person watches their status from the start of their history while sFOX decides twice.
    const userStream = await readStream(userContext, "/api/onboarding/events?since=0");
    await decide(request, userId, "PENDING");
    await decide(request, userId, "UNSUPPORTED");
    await expect(person.getByRole("heading", { level: 1 })).toContainText(/cannot|unable|not able/i);

    // The admin opens the person's page and reveals their contact details.
    const detail = await adminContext.newPage();
    await detail.goto(`/admin/users/${encodeURIComponent(userId)}`);
    await detail.getByRole("button", { name: /reveal/i }).click();
    await expect(detail.getByText(/@example\.com/)).toBeVisible();
    await person.goto("/onboarding/inbox");

    await Promise.all([userStream.stop(), adminStream.stop(), ...reloads]);
    const streams = [
      { name: "the end user's event stream", text: await userStream.text },
      { name: "the admin's event stream", text: await adminStream.text },
    ];
    // The streams carried the changes (so the search below searched something).
    expect(streams[0]!.text).toContain('"status":"unsupported"');
    expect(streams[1]!.text).toContain(userId);
    // Pages of both: the wizard's steps, the status screens, the admin's list and detail.
    const pages = answers.filter(({ name }) => name.includes("text/html")).map(({ name }) => new URL(name.split(" ")[1]!).pathname);
    for (const path of ["/", "/onboarding/account", "/onboarding/contact", "/onboarding/identity", "/onboarding/review", "/onboarding/verify", "/admin"]) {
      expect(pages, `the HTML of ${path} was read`).toContain(path);
    }
    // sFOX issued tokens for this user while we listened (registration, codes, decisions).
    expect(feed.tokens.size).toBeGreaterThanOrEqual(3);

    const needles: Needle[] = [
      { kind: "the sFOX (sandbox) API key", value: SANDBOX_API_KEY },
      ...[...feed.tokens].map((value) => ({ kind: "a user_token", value })),
      ...Object.values(TEST_GOVERNMENT_IDS).map((value) => ({ kind: "a government id number", value })),
    ];
    expect(findSecrets([...answers, ...streams], needles)).toEqual([]);
  } finally {
    feed.close();
    await userContext.close();
    await adminContext.close();
  }
});
