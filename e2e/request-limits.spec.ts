// Bodies the app will not read: too large, or of undeclared size. Refused by the HTTP layer before
// Next.js, a route or a server action parses anything.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { appPort } from "./ports";

const OVERSIZED = "x".repeat(150 * 1024);

for (const path of ["/onboarding/account", "/api/auth/sign-in/email", "/api/admin/users/someone/refresh"]) {
  test(`a 150 KB body to ${path} is refused with 413 and a clear message`, async ({ request }) => {
    const response = await request.post(path, { data: OVERSIZED, headers: { "content-type": "text/plain" } });
    expect(response.status()).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/too large .*limit is 102400/) });
  });
}

test("a body of undeclared size (chunked) is refused with 411", async () => {
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: appPort, path: "/api/auth/sign-in/email", method: "POST", headers: { "transfer-encoding": "chunked", "content-type": "application/json" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.write('{"email":');
    req.end('"a@b.c"}');
  });
  expect(answer.status).toBe(411);
  expect(JSON.parse(answer.body)).toEqual({ error: "Send the request body with a Content-Length." });
});

test("an ordinary small body still gets through", async ({ request }) => {
  // Refused by the route itself (no admin session), not by the size check. (Not a sign-in: those
  // count against admin-sign-in.spec.ts's limit.)
  const response = await request.post("/api/admin/users/someone/refresh", {
    data: { note: "small" },
    headers: { origin: `http://127.0.0.1:${appPort}` },
  });
  expect(response.status()).toBe(401);
});
