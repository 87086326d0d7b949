import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { createAuth, type Auth } from "./auth";
import { countAdmins, createAdmin, newAdminProblem } from "./create-admin";

describe("newAdminProblem", () => {
  const ok = { email: "ops@example.com", name: "Ops", password: "twelve chars" };
  it("accepts a valid admin and names what is wrong otherwise", () => {
    expect(newAdminProblem(ok)).toBeNull();
    expect(newAdminProblem({ ...ok, email: "ops" })).toMatch(/email/);
    expect(newAdminProblem({ ...ok, password: "eleven char" })).toMatch(/at least 12/);
    expect(newAdminProblem({ ...ok, password: "x".repeat(129) })).toMatch(/at most 128/);
  });
});

describe("createAdmin", () => {
  let dir: string;
  let handle: DatabaseHandle;
  let auth: Auth;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "create-admin-"));
    handle = await openDatabase({ dataDir: dir });
    auth = createAuth(handle.db as Parameters<typeof createAuth>[0]);
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates an admin who can sign in, verified, with the name given", async () => {
    const created = await createAdmin(auth, { email: " Ops@Example.com ", name: "Ada Lovelace", password: "a long password" });
    expect(created).toMatchObject({ created: true, email: "ops@example.com" });
    const signedIn = await auth.api.signInEmail({ body: { email: "ops@example.com", password: "a long password" } });
    expect(signedIn.user).toMatchObject({ name: "Ada Lovelace", emailVerified: true });
  });

  it("never touches an existing admin", async () => {
    expect(await createAdmin(auth, { email: "ops@example.com", name: "Other", password: "another password" })).toEqual({
      created: false,
      reason: "exists",
    });
    expect(await countAdmins(auth)).toBe(1);
  });

  it("refuses a password that is too short before touching the database", async () => {
    await expect(createAdmin(auth, { email: "new@example.com", name: "New", password: "short" })).rejects.toThrow(/at least 12/);
    expect(await countAdmins(auth)).toBe(1);
  });
});
