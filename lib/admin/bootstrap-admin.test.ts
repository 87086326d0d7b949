import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { createAuth, type Auth } from "./auth";
import { SANDBOX_ADMIN_EMAIL, ensureFirstAdmin, randomPassword } from "./bootstrap-admin";
import { countAdmins } from "./create-admin";

const signInUrl = "http://localhost:3000/admin/sign-in";

describe("the first admin", () => {
  let dir: string;
  let handle: DatabaseHandle;
  let auth: Auth;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bootstrap-admin-"));
    handle = await openDatabase({ dataDir: dir });
    auth = createAuth(handle.db as Parameters<typeof createAuth>[0]);
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates the sandbox admin once, prints its password once, and it can sign in", async () => {
    const printed: string[] = [];
    const print = (text: string) => printed.push(text);
    expect(await ensureFirstAdmin(auth, { configured: undefined, sandbox: true, signInUrl, print })).toBe("created-sandbox");
    expect(await ensureFirstAdmin(auth, { configured: undefined, sandbox: true, signInUrl, print })).toBe("unchanged");
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(SANDBOX_ADMIN_EMAIL);
    expect(printed[0]).toContain(signInUrl);
    const password = /Password: (\S+)/.exec(printed[0] ?? "")?.[1] ?? "";
    expect(password).toHaveLength(20);

    const signedIn = await auth.api.signInEmail({ body: { email: SANDBOX_ADMIN_EMAIL, password } });
    expect(signedIn.user.email).toBe(SANDBOX_ADMIN_EMAIL);
    await expect(auth.api.signInEmail({ body: { email: SANDBOX_ADMIN_EMAIL, password: `${password}x` } })).rejects.toThrow();
  });

  it("stores only a hash of the password", async () => {
    const context = await auth.$context;
    const found = await context.internalAdapter.findUserByEmail(SANDBOX_ADMIN_EMAIL, { includeAccounts: true });
    const stored = found?.accounts[0]?.password ?? "";
    expect(stored).not.toBe("");
    expect(stored).toMatch(/:/); // better-auth's salt:key scrypt format
  });

  it("creates the configured admin even when others exist, and only once", async () => {
    const configured = { email: "Owner@Example.com", password: "correct horse battery" };
    const before = await countAdmins(auth);
    expect(await ensureFirstAdmin(auth, { configured, sandbox: true, signInUrl })).toBe("created-configured");
    expect(await ensureFirstAdmin(auth, { configured, sandbox: true, signInUrl })).toBe("unchanged");
    expect(await countAdmins(auth)).toBe(before + 1);
    const signedIn = await auth.api.signInEmail({ body: { email: "owner@example.com", password: configured.password } });
    expect(signedIn.user.email).toBe("owner@example.com");
  });

  it("keeps an existing configured admin's password (the database owns it after the first start)", async () => {
    const configured = { email: "owner@example.com", password: "a different password" };
    expect(await ensureFirstAdmin(auth, { configured, sandbox: false, signInUrl })).toBe("unchanged");
    await expect(auth.api.signInEmail({ body: { email: configured.email, password: configured.password } })).rejects.toThrow();
  });

  it("creates no sandbox admin against the real sFOX", async () => {
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), "bootstrap-admin-live-"));
    const fresh = await openDatabase({ dataDir: freshDir });
    try {
      const liveAuth = createAuth(fresh.db as Parameters<typeof createAuth>[0]);
      expect(await ensureFirstAdmin(liveAuth, { configured: undefined, sandbox: false, signInUrl })).toBe("unchanged");
      expect(await countAdmins(liveAuth)).toBe(0);
    } finally {
      await fresh.close();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it("makes readable random passwords", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => randomPassword(20)));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
  });
});
