/**
 * Talks to the sandbox: registers the benchmark's users (REST, Bearer key) and drives events by
 * posting decisions (`POST /_sandbox/users/:id/decision`), toggling each user VERIFIED <-> PENDING
 * so that every decision is a status change: one feed event, one stored event, one SSE event
 * per client of that user. Records when each decision was posted (monotonic clock): the
 * sandbox writes the feed frame while handling that request, about 1 ms later.
 */
import http from "node:http";
import { registrationCases } from "../../test/fixtures/registration-cases";
import { monoMs, sleep } from "./clock";
import type { UserDecisions } from "./loadgen-protocol";

type Decision = "VERIFIED" | "PENDING";

export interface DriveResult {
  /** Per user index, in posting order (only decisions the sandbox accepted). */
  decisions: UserDecisions[];
  sent: number;
  failed: number;
  /** Why decisions failed: HTTP status or error code, with counts. */
  failures: Record<string, number>;
  /** How far behind schedule the worst decision was posted. */
  maxLateMs: number;
  startedAt: number;
  endedAt: number;
}

export class SandboxDriver {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly status = new Map<string, Decision>();

  constructor(
    private readonly port: number,
    private readonly apiKey: string,
  ) {}

  /** Registers individual US clients (a valid payload of the shared fixture table). */
  async register(userIds: string[]): Promise<void> {
    const template = registrationCases.find((c) => c.valid && c.name === "US individual with ssn")?.payload;
    if (!template) throw new Error("registration fixture not found");
    for (const userId of userIds) {
      const body = {
        ...(template as Record<string, unknown>),
        user_id: userId,
        email: `${userId}@example.com`,
      };
      const answer = await this.post("/v1/enterprise/register-account", body, {
        authorization: `Bearer ${this.apiKey}`,
      });
      if (answer.status !== 202)
        throw new Error(`register-account ${userId}: HTTP ${answer.status} ${answer.body}`);
      this.status.set(userId, "PENDING");
    }
  }

  /** Posts one decision that flips the user's status; resolves with the posting time and the new status. */
  readonly failures: Record<string, number> = {};

  async flip(userId: string): Promise<{ sentAt: number; status: string } | null> {
    const next: Decision = this.status.get(userId) === "VERIFIED" ? "PENDING" : "VERIFIED";
    this.status.set(userId, next);
    const sentAt = monoMs();
    const answer = await this.post(`/_sandbox/users/${encodeURIComponent(userId)}/decision`, {
      status: next,
    }).catch((error: NodeJS.ErrnoException) => ({ status: 0, body: error.code ?? error.message }));
    if (answer.status !== 200) {
      const reason = answer.status === 0 ? answer.body : `HTTP ${answer.status}`;
      this.failures[reason] = (this.failures[reason] ?? 0) + 1;
      this.status.set(userId, next === "VERIFIED" ? "PENDING" : "VERIFIED");
      return null;
    }
    return { sentAt, status: next.toLowerCase() };
  }

  /**
   * `rate` decisions per second for `seconds`, round-robin over `users`; decision k is due at
   * start + k / rate. Each user's decisions are at least users.length / rate apart.
   */
  async drive(users: string[], rate: number, seconds: number): Promise<DriveResult> {
    const total = Math.round(rate * seconds);
    const failuresBefore = { ...this.failures };
    const interval = 1000 / rate;
    const slots: Array<Array<{ sentAt: number; status: string } | null>> = users.map(() => []);
    const pending: Array<Promise<void>> = [];
    let maxLateMs = 0;
    const startedAt = monoMs();
    for (let k = 0; k < total;) {
      const due = startedAt + k * interval;
      const now = monoMs();
      if (due - now > 1) {
        await sleep(Math.min(due - now, 50));
        continue;
      }
      maxLateMs = Math.max(maxLateMs, now - due);
      const index = k % users.length;
      const slot = slots[index] ?? [];
      const position = slot.length;
      slot.push(null);
      pending.push(
        this.flip(users[index] ?? "").then((result) => {
          slot[position] = result;
        }),
      );
      k++;
    }
    await Promise.all(pending);
    const decisions = slots.map((slot) => {
      const ok = slot.filter((entry): entry is { sentAt: number; status: string } => entry !== null);
      return { sendTimes: ok.map((entry) => entry.sentAt), statuses: ok.map((entry) => entry.status) };
    });
    const sent = decisions.reduce((sum, d) => sum + d.sendTimes.length, 0);
    const failures = Object.fromEntries(
      Object.entries(this.failures)
        .map(([reason, count]) => [reason, count - (failuresBefore[reason] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    return { decisions, sent, failed: total - sent, failures, maxLateMs, startedAt, endedAt: monoMs() };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          path,
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
            ...headers,
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  }
}
