import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cleanEnv } from "./servers";

/** Runs `next build` when there is no production build (a fresh clone). Shared by the benchmarks. */
export async function ensureBuild(root: string, say: (line: string) => void, bench: string): Promise<void> {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  say(`${bench}: no production build (.next/BUILD_ID); running \`next build\` first`);
  const code = await new Promise<number | null>((resolve) => {
    const build = spawn(
      process.execPath,
      [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
      {
        cwd: root,
        stdio: "inherit",
        env: { ...cleanEnv(process.env), NODE_ENV: "production" } as NodeJS.ProcessEnv,
      },
    );
    build.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}
