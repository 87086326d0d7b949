/**
 * Calling the wizard's server actions over HTTP the way the browser's Next.js runtime does: a POST
 * to the page that uses the action, with its id in `Next-Action`, the arguments as a JSON array,
 * the visitor's cookies and a same-origin `Origin` (Next refuses cross-origin actions). The answer
 * is a React Server Components payload whose row 0 names the row holding the action's result.
 *
 * The ids come from the build's server-reference manifest (.next/server), looked up by source
 * file and export name, so they follow every rebuild.
 */
import fs from "node:fs";
import path from "node:path";

export type ActionName = "saveStep" | "submitRegistration" | "sendVerificationCode" | "confirmVerificationCode";

const SOURCES: Record<ActionName, string> = {
  saveStep: "app/onboarding/_actions/save-step.ts",
  submitRegistration: "app/onboarding/_actions/submit-registration.ts",
  sendVerificationCode: "app/onboarding/_actions/verification.ts",
  confirmVerificationCode: "app/onboarding/_actions/verification.ts",
};

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The build's action id of each wizard action. */
export function readActionIds(root: string): Record<ActionName, string> {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  const entries = Object.entries(manifest.node);
  const ids = {} as Record<ActionName, string>;
  for (const name of Object.keys(SOURCES) as ActionName[]) {
    const found = entries.find(([, entry]) => entry.filename === SOURCES[name] && entry.exportedName === name);
    if (!found) throw new Error(`${file} has no server action ${name} from ${SOURCES[name]}: rebuild the app`);
    ids[name] = found[0];
  }
  return ids;
}

/** What the wizard's actions answer (lib/action-result.ts, as the browser receives it). */
export interface ActionAnswer {
  ok: boolean;
  redirectTo?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  retryAfterSeconds?: number;
  step?: string;
  data?: Record<string, unknown>;
}

/** The request did not get an answer from the action (network error, 5xx, an error page). */
export class NoAnswer extends Error {}

/** One visitor: their cookies, kept across calls as a browser keeps them. */
export class ActionSession {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly origin: string,
    private readonly ids: Record<ActionName, string>,
  ) {}

  /** Calls `name(...args)` from the page at `pagePath`; throws NoAnswer when no answer came back. */
  async call(pagePath: string, name: ActionName, args: unknown[]): Promise<ActionAnswer> {
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.origin}${pagePath}`, {
        method: "POST",
        headers: {
          accept: "text/x-component",
          "content-type": "text/plain;charset=UTF-8",
          "next-action": this.ids[name],
          origin: this.origin,
          cookie: [...this.cookies].map(([key, value]) => `${key}=${value}`).join("; "),
        },
        body: JSON.stringify(args),
        signal: AbortSignal.timeout(60_000),
      });
      body = await response.text();
    } catch (error) {
      throw new NoAnswer(`${name}: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`);
    }
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    if (response.status !== 200) throw new NoAnswer(`${name}: HTTP ${response.status}`);
    return actionResultOf(name, body);
  }
}

/** The action's return value in an RSC payload: row 0 is `{"a": "$@<row>", ...}`, that row is the value. */
export function actionResultOf(name: string, payload: string): ActionAnswer {
  const rows = new Map<string, string>();
  for (const line of payload.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const head = rows.get("0");
  const reference = head ? (JSON.parse(head) as { a?: unknown }).a : undefined;
  const row = typeof reference === "string" && reference.startsWith("$@") ? rows.get(reference.slice(2)) : undefined;
  if (row === undefined || !row.startsWith("{")) throw new NoAnswer(`${name}: no action result in the answer`);
  // React writes undefined as "$undefined" and escapes strings that start with "$" as "$$"; the
  // wizard's answers hold no other references.
  return JSON.parse(row, (_key, value: unknown) => {
    if (value === "$undefined") return undefined;
    return typeof value === "string" && value.startsWith("$$") ? value.slice(1) : value;
  }) as ActionAnswer;
}
