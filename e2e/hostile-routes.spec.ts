// Hostile input to the route handlers and the console's URL, generated (fast-check), as a signed-in
// admin (so the input gets past the session check to the code that reads it): every answer is a
// clear refusal or a normal page, never a 5xx.
import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "./support/admin";
import { appPort } from "./ports";

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ timeout: 180_000 });

const RUNS = 1_000;
const origin = `http://127.0.0.1:${appPort}`;

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ minLength: 500, maxLength: 2_000 }),
  fc.constantFrom("\u0000", "\uFEFF", "\u202Eevil", "😀".repeat(100), "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "%", "-1", "1e9", "NaN", "9".repeat(40)),
);

for (const action of ["reveal", "resend-code", "refresh", "deactivate"]) {
  test(`POST /api/admin/users/<id>/${action} answers ${RUNS} hostile user ids with a clear 404, never a 5xx`, async ({ request }) => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (userId) => {
        const response = await request.post(`/api/admin/users/${encodeURIComponent(userId)}/${action}`, { headers: { origin }, maxRedirects: 0 });
        // Never a success for a user who does not exist, never a 5xx. (An empty id, "." or ".." is
        // a different path: Next.js normalises it with a redirect.)
        expect(response.status()).not.toBe(200);
        expect(response.status()).toBeLessThan(500);
        if (response.status() === 404 && response.headers()["content-type"]?.includes("json")) {
          expect(await response.json()).toMatchObject({ ok: false, message: "There is no user with this id." });
        }
      }),
      { numRuns: RUNS },
    );
  });
}

const query = fc.dictionary(
  fc.constantFrom("tab", "type", "role", "q", "sort", "dir", "page", "size", "since", "user", "x"),
  hostileString,
  { maxKeys: 6 },
);

test(`the CSV export and the admin stream take ${RUNS} hostile query strings: a CSV or a clear 400, never a 5xx`, async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(query, async (params) => {
      const search = new URLSearchParams(params).toString();
      const csv = await request.get(`/api/admin/users/export?${search}`, { maxRedirects: 0 });
      expect(csv.status(), `export?${search}`).toBeLessThan(500);
      // An invalid `since` is refused at once. (A valid one, or an empty one, which means none,
      // opens a stream: not generated.)
      if (params.since !== undefined && params.since !== "" && !/^\d+$/.test(params.since)) {
        const stream = await request.get(`/api/admin/events?${search}`, { timeout: 5_000 });
        expect(stream.status()).toBe(400);
        expect(await stream.json()).toEqual({ error: expect.any(String) });
      }
    }),
    { numRuns: RUNS },
  );
});

test("the users list page takes 200 hostile query strings and always renders", async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(query, async (params) => {
      const search = new URLSearchParams(params).toString();
      const list = await request.get(`/admin?${search}`, { maxRedirects: 0 });
      expect(list.status(), `/admin?${search}`).toBe(200);
    }),
    { numRuns: 200 },
  );
});
