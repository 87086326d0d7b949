import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm run soak`, shortened: 30 registrations through the server actions while 10% of sFOX REST
// calls fail and the feed drops every ~3 s for 1 s, with one restart of the app. It starts its own
// sandbox and app (not Playwright's webServer) and checks every invariant itself
// (scripts/soak/invariants.ts): its exit code and last line are the verdict.
const root = path.resolve(import.meta.dirname, "..");
const FLAGS = ["--registrations=30", "--restarts=1", "--drop-every=3", "--rate=3", "--settle-seconds=30"];

test("soak: registrations under REST faults, feed drops and a restart lose nothing and double nothing", async () => {
  test.setTimeout(180_000);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/soak/soak.ts", ...FLAGS], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    await test.info().attach("soak output", { body: output, contentType: "text/plain" });
    const last = output.trimEnd().split("\n").at(-1) ?? "";
    expect(last, output).toMatch(/^SOAK /);
    const counts = Object.fromEntries(last.slice(5).split(" ").map((pair) => pair.split("=") as [string, string]));
    expect(counts.mismatches, output).toBe("0");
    expect(code, output).toBe(0);
    expect(counts.registrations).toBe("30");
    expect(counts.streams).toBe("30");
    expect(counts.restarts).toBe("1");
    // The faults really happened, and streams really resumed.
    expect(Number(counts.faults)).toBeGreaterThan(0);
    expect(Number(counts.ws_drops)).toBeGreaterThan(0);
    expect(Number(counts.resumes)).toBeGreaterThan(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
});
