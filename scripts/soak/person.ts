/**
 * One simulated applicant, behaving as a person in a browser would: fills each wizard step through
 * the server actions (with their own cookies), submits, reads the codes the sandbox "sent" (its
 * outbox, as the app's developer inbox shows them) and confirms them, and from registration on
 * holds their status stream open (an EventSource-like client that resumes with Last-Event-ID).
 * A "try again" answer, or no answer at all (the app restarting), is retried after a pause of a
 * few seconds; being sent back to an earlier step is followed.
 */
import type http from "node:http";
import { SseClient, type ReceivedEvent } from "../bench/sse-client";
import type { Applicant } from "./applicants";
import { type ActionAnswer, type ActionName, ActionSession, NoAnswer } from "./server-actions";

export interface PersonEnv {
  appOrigin: string;
  appPort: number;
  sandboxOrigin: string;
  actionIds: Record<ActionName, string>;
  /** Shared by every person's stream (keep-alive, no socket limit). */
  streamAgent: http.Agent;
}

type CodeType = "email" | "sms";

/** A person gives up on one action after this long without an answer that moves them on. */
const GIVE_UP_MS = 180_000;
/** More actions than this means the journey is going round in circles. */
const MAX_ACTIONS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pause = () => sleep(1_000 + Math.random() * 2_000);

export class Person {
  readonly session: ActionSession;
  stream: SseClient | null = null;
  /** Every event the stream delivered, in order (the client drops an id it has seen). */
  readonly received: ReceivedEvent[] = [];
  /** Retries after a "try again" answer, and after no answer (network error, 5xx). */
  tryAgain = 0;
  noAnswer = 0;
  /** Times the app sent the person back to an earlier step, and wrong or expired codes. */
  sentBack = 0;
  codeProblems = 0;
  actions = 0;
  /** sFOX's user_id, as the outbox names it once a code was sent. */
  sfoxUserId: string | null = null;
  registered = false;
  finishedAt: number | null = null;
  failure: string | null = null;

  constructor(
    readonly applicant: Applicant,
    private readonly env: PersonEnv,
  ) {
    this.session = new ActionSession(env.appOrigin, env.actionIds);
  }

  /** The whole journey; never throws (a failure is kept in `failure`). */
  async run(): Promise<void> {
    try {
      await this.fillAndSubmit();
      this.registered = true;
      this.openStream();
      await this.verify();
      this.finishedAt = Date.now();
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  close(): void {
    this.stream?.close();
  }

  private async fillAndSubmit(): Promise<void> {
    const { steps, submission } = this.applicant;
    let next = 0;
    for (;;) {
      if (next < steps.length) {
        const [step, values] = steps[next]!;
        const answer = await this.ask(`/onboarding/${step}`, "saveStep", [step, values]);
        next = answer.ok ? next + 1 : this.sentBackTo(answer, "saveStep");
        continue;
      }
      const answer = await this.ask("/onboarding/review", "submitRegistration", [submission]);
      if (answer.ok) return;
      next = this.sentBackTo(answer, "submitRegistration");
    }
  }

  /** The step the app sends the person back to (a lost cookie after a restart starts over). */
  private sentBackTo(answer: ActionAnswer, action: string): number {
    const step = /^\/onboarding\/?([a-z]*)$/.exec(answer.redirectTo ?? "")?.[1];
    const index = step === "" ? 0 : this.applicant.steps.findIndex(([name]) => name === step);
    if (step === undefined || index < 0) throw new Error(`${action}: unexpected answer ${JSON.stringify(answer)}`);
    this.sentBack++;
    return index;
  }

  private async verify(): Promise<void> {
    let due: CodeType | null = "email";
    while (due) {
      const before = (await this.codes(due)).length;
      const sent = await this.ask("/onboarding/verify", "sendVerificationCode", [due]);
      if (sent.redirectTo) {
        // Already confirmed (sFOX said so), or the app expects the other code first.
        due = nextDue(sent.redirectTo, due);
        continue;
      }
      let code: string | undefined;
      if (sent.ok) code = await this.newCode(due, before);
      else if (sent.retryAfterSeconds !== undefined) {
        // A code went out moments ago (perhaps for an attempt whose answer was lost): use it, or wait.
        code = (await this.codes(due)).at(-1);
        if (!code) await sleep(sent.retryAfterSeconds * 1_000);
      } else throw new Error(`sendVerificationCode: unexpected answer ${JSON.stringify(sent)}`);
      if (!code) continue;

      const confirmed = await this.confirm(due, code);
      if (confirmed === "bad code") this.codeProblems++;
      else due = nextDue(confirmed, due);
    }
  }

  /** Confirms a code: where the app sends the person next, or "bad code" (wrong or expired). */
  private async confirm(type: CodeType, code: string): Promise<string> {
    for (;;) {
      const answer = await this.ask("/onboarding/verify", "confirmVerificationCode", [{ type, code }]);
      if (answer.redirectTo) return answer.redirectTo;
      if (answer.fieldErrors?.code) return "bad code";
      if (answer.retryAfterSeconds === undefined) throw new Error(`confirmVerificationCode: unexpected answer ${JSON.stringify(answer)}`);
      await sleep(answer.retryAfterSeconds * 1_000);
    }
  }

  /** Calls an action until it gives an answer other than "try again" (or none at all). */
  private async ask(page: string, name: ActionName, args: unknown[]): Promise<ActionAnswer> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      if (++this.actions > MAX_ACTIONS) throw new Error(`${name}: more than ${MAX_ACTIONS} actions, going round in circles`);
      let why: string;
      try {
        const answer = await this.session.call(page, name, args);
        if (answer.ok || !/try again/i.test(answer.formError ?? "")) return answer;
        why = answer.formError ?? "";
        this.tryAgain++;
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        why = error.message;
        this.noAnswer++;
      }
      if (Date.now() > deadline) throw new Error(`${name}: no useful answer for ${GIVE_UP_MS / 1_000} s (last: ${why})`);
      await pause();
    }
  }

  /** The codes of a type the sandbox sent this person so far, oldest first. */
  private async codes(type: CodeType): Promise<string[]> {
    const to = type === "email" ? this.applicant.email : this.applicant.phoneNumber;
    const response = await fetch(`${this.env.sandboxOrigin}/_sandbox/outbox`, { signal: AbortSignal.timeout(10_000) });
    const { data } = (await response.json()) as { data: Array<{ user_id: string; type: string; to: string; code: string }> };
    const mine = data.filter((message) => message.type === type && message.to === to);
    this.sfoxUserId ??= mine[0]?.user_id ?? null;
    return mine.map((message) => message.code);
  }

  /** The code sent after there were `before` of them (a moment after the app said it was sent). */
  private async newCode(type: CodeType, before: number): Promise<string | undefined> {
    for (let waited = 0; waited < 10_000; waited += 200) {
      const codes = await this.codes(type);
      if (codes.length > before) return codes.at(-1);
      await sleep(200);
    }
    return undefined;
  }

  private openStream(): void {
    const cookie = this.session.cookies.get("onboarding_session");
    if (!cookie) throw new Error("registered without a session cookie");
    const spec = { key: this.applicant.email, user: this.applicant.index, cookie, role: "normal" as const };
    this.stream = new SseClient(spec, this.env.appPort, "/api/onboarding/events", this.env.streamAgent, {
      onFirstAnswer: () => {},
      onEvent: (_client, event) => void this.received.push(event),
    });
    this.stream.connect();
  }
}

/** After an answer that redirects: done, or the other code is due. */
function nextDue(redirectTo: string, current: CodeType): CodeType | null {
  if (redirectTo === "/onboarding/done") return null;
  if (redirectTo === "/onboarding/verify") return current === "email" ? "sms" : "email";
  throw new Error(`verification: unexpected redirect to ${redirectTo}`);
}
