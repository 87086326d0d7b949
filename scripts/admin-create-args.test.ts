import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { UsageError, friendlyOpenError, parseAdminCreateArgs } from "./admin-create-args";

describe("npm run admin:create arguments", () => {
  it("takes an email and an optional name", () => {
    expect(parseAdminCreateArgs(["--email", "ops@example.com"])).toEqual({ email: "ops@example.com", name: undefined });
    expect(parseAdminCreateArgs(["--email", " ops@example.com ", "--name", "Ada Lovelace"])).toEqual({
      email: "ops@example.com",
      name: "Ada Lovelace",
    });
  });

  it("refuses a missing email or an unknown option, with the usage", () => {
    expect(() => parseAdminCreateArgs([])).toThrow(UsageError);
    expect(() => parseAdminCreateArgs(["--name", "x"])).toThrow(/--email is required[\s\S]*Usage/);
    expect(() => parseAdminCreateArgs(["--email", "a@b.co", "--password", "x"])).toThrow(/Unknown option[\s\S]*Usage/);
  });
});

describe("opening the database while the app runs", () => {
  it("explains that the app must be stopped, naming its pid", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-create-lock-"));
    const lockDir = path.join(dir, "pglite");
    fs.mkdirSync(lockDir, { recursive: true });
    // pid 1 is always alive: the folder looks held by a running app.
    fs.writeFileSync(path.join(lockDir, "app.lock"), "1");
    try {
      const error = await openDatabase({ dataDir: dir }).then(
        () => null,
        (failure: unknown) => failure,
      );
      const message = friendlyOpenError(error);
      expect(message).toContain("The app is running (pid 1)");
      expect(message).toContain("Stop it");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("passes any other failure on as it is", () => {
    expect(friendlyOpenError(new Error("connection refused"))).toBe("Could not open the database: connection refused");
  });
});
