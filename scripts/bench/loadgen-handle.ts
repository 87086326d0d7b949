/** The orchestrator's side of a load-generator process: typed requests over IPC. */
import path from "node:path";
import type {
  ClientInfo,
  ClientSpec,
  CompareReply,
  ConnectReply,
  ConsistencyReply,
  CountReply,
  HistoryReply,
  LatencyWindow,
  LoadRequest,
  PhaseResult,
  ReconnectedReply,
  UserDecisions,
} from "./loadgen-protocol";
import type { Child, Env, ProcessGroup } from "./processes";

export class LoadGenerator {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  private constructor(
    readonly child: Child,
    private readonly group: ProcessGroup,
  ) {
    // A send racing the child's exit reports through the callback; never crash on the event.
    child.process.on("error", () => {});
    child.process.on("message", (message: { requestId: number; reply?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.requestId);
      if (!waiter) return;
      this.waiting.delete(message.requestId);
      if (message.error !== undefined) waiter.reject(new Error(`load generator: ${message.error}`));
      else waiter.resolve(message.reply);
    });
    void child.exited.then(() => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error("load generator exited"));
      this.waiting.clear();
    });
  }

  static start(group: ProcessGroup, name: string, env: Env): LoadGenerator {
    const child = group.spawnNode(name, path.join(import.meta.dirname, "load-generator.ts"), {
      env,
      ipc: true,
    });
    return new LoadGenerator(child, group);
  }

  connect(port: number, clients: ClientSpec[], concurrency: number, wait = true): Promise<ConnectReply> {
    return this.call({ op: "connect", port, path: "/api/onboarding/events", clients, concurrency, wait });
  }
  disconnect(keys: string[]): Promise<unknown> {
    return this.call({ op: "disconnect", keys });
  }
  mark(): Promise<unknown> {
    return this.call({ op: "mark" });
  }
  count(): Promise<CountReply> {
    return this.call({ op: "count" });
  }
  evaluate(decisions: UserDecisions[], windows: LatencyWindow[] = []): Promise<PhaseResult> {
    return this.call({ op: "evaluate", decisions, windows });
  }
  pause(keys: string[]): Promise<unknown> {
    return this.call({ op: "pause", keys });
  }
  resume(keys: string[]): Promise<unknown> {
    return this.call({ op: "resume", keys });
  }
  clients(keys: string[]): Promise<Array<ClientInfo | null>> {
    return this.call({ op: "clients", keys });
  }
  compare(a: string, b: string): Promise<CompareReply> {
    return this.call({ op: "compare", a, b });
  }
  history(key: string, expected: number): Promise<HistoryReply> {
    return this.call({ op: "history", key, expected });
  }
  reconnected(since: number): Promise<ReconnectedReply> {
    return this.call({ op: "reconnected", since });
  }
  consistency(expected: number[]): Promise<ConsistencyReply> {
    return this.call({ op: "consistency", expected });
  }

  async close(): Promise<void> {
    this.group.expectExit(this.child);
    await this.call({ op: "close" }).catch(() => undefined);
    await this.group.stop(this.child, 3_000);
  }

  private call<T>(request: LoadRequest): Promise<T> {
    const requestId = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (!this.child.process.connected) return reject(new Error("load generator is gone"));
      this.waiting.set(requestId, { resolve: resolve as (value: unknown) => void, reject });
      this.child.process.send({ ...request, requestId }, (error) => {
        if (!error) return;
        this.waiting.delete(requestId);
        reject(error);
      });
    });
  }
}
