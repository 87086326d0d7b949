// CLI entry (`npm run sandbox` = `tsx sandbox/main.ts`): reads SANDBOX_* from the environment,
// starts the sandbox, prints where it listens, and on SIGINT/SIGTERM saves the state and exits.
import { ConfigError, loadConfig } from "./config";
import { startSandbox } from "./server";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[sandbox] invalid configuration: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  const sandbox = await startSandbox(config);
  console.log(`[sandbox] sFOX Connect sandbox listening on ${sandbox.url} (WebSocket ${sandbox.wsUrl})`);
  console.log(
    `[sandbox] review ${config.autoReview ? `automatic after ${config.reviewMs} ms` : "manual (POST /_sandbox/users/:id/decision)"}; ` +
      `state ${config.stateFile ?? "in memory only"}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[sandbox] ${signal}: saving state and closing`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("[sandbox] error while closing:", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`[sandbox] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
