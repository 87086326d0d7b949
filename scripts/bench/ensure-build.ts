import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { cleanEnv } from "./servers";

const require = createRequire(import.meta.url);

/**
 * Runs `next build` in `root` when there is no production build (a fresh clone), or always with
 * `force` (a benchmark of the build's own output). Shared by the benchmarks.
 */
export async function ensureBuild(root: string, say: (line: string) => void, bench: string, force = false): Promise<void> {
  if (!force && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  say(force ? `${bench}: \`next build\` in ${root}` : `${bench}: no production build (.next/BUILD_ID); running \`next build\` first`);
  const code = await new Promise<number | null>((resolve) => {
    const build = spawn(
      process.execPath,
      [require.resolve("next/dist/bin/next", { paths: [root] }), "build"],
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
