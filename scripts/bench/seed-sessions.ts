import fs from "node:fs";
import path from "node:path";
import { tailOf } from "./processes";
import type { BenchContext } from "./servers";

/** Sessions in the app's database (before the app starts), their cookies, and the floor's session map. */
export async function seedSessions(
  ctx: BenchContext,
  userIds: string[],
  backlogUser: string,
  backlog: number,
): Promise<Map<string, string>> {
  const input = path.join(ctx.logDir, "seed-input.json");
  const output = path.join(ctx.logDir, "seed-output.json");
  fs.writeFileSync(
    input,
    JSON.stringify({
      dataDir: ctx.dataDir,
      databaseUrl: ctx.databaseUrl,
      sessionSecret: ctx.sessionSecret,
      userIds,
      backlogUserId: backlogUser,
      backlog,
      output,
    }),
  );
  const child = ctx.group.spawnNode("seed", path.join(import.meta.dirname, "seed.ts"), {
    args: [input],
    env: { ...ctx.baseEnv, NODE_ENV: "production", DATA_DIR: ctx.dataDir },
    nodeFlags: ["--conditions=react-server"],
    oneShot: true,
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`seeding the database failed:\n${tailOf(child.logFile)}`);
  const { sessions } = JSON.parse(fs.readFileSync(output, "utf8")) as {
    sessions: Array<{ userId: string; sessionId: string; cookie: string }>;
  };
  fs.writeFileSync(
    ctx.floorSessionsFile,
    JSON.stringify(Object.fromEntries(sessions.map((s) => [s.sessionId, s.userId]))),
  );
  return new Map(sessions.map((s) => [s.userId, s.cookie]));
}

