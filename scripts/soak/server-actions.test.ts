// Reading a server action's result out of the RSC payload Next.js answers with.
import { describe, expect, it } from "vitest";
import { NoAnswer, actionResultOf } from "./server-actions";

// Shaped as Next 16 answers an action that set a cookie: the re-rendered page's rows around the result.
const PAYLOAD = [
  '2:"$Sreact.fragment"',
  '7:I[34951,["$5","$6"],"WizardProvider"]',
  '0:{"a":"$@1","q":"","i":false,"t":{"t":{"s":""}},"b":"QNXIv9TNUhlxvqtBcwULT"}',
  'b:C',
  '1:{"ok":false,"formError":"$$5 is not a code","redirectTo":"$undefined","retryAfterSeconds":30}',
  '17:"/_next/static/chunks/39j1bs09hsv7h.js"',
  "",
].join("\n");

describe("actionResultOf", () => {
  it("returns the row that row 0 names, with React's escapes undone", () => {
    expect(actionResultOf("sendVerificationCode", PAYLOAD)).toEqual({
      ok: false,
      formError: "$5 is not a code",
      retryAfterSeconds: 30,
    });
  });

  it("follows row 0 to rows in hexadecimal", () => {
    const payload = '0:{"a":"$@1a"}\n1a:{"ok":true,"redirectTo":"/onboarding/contact"}\n';
    expect(actionResultOf("saveStep", payload)).toEqual({ ok: true, redirectTo: "/onboarding/contact" });
  });

  it("says there is no answer when the payload holds no result (an error page, a cut body)", () => {
    expect(() => actionResultOf("saveStep", "<!DOCTYPE html><html>")).toThrow(NoAnswer);
    expect(() => actionResultOf("saveStep", '0:{"a":"$@1"}\n')).toThrow(NoAnswer);
    expect(() => actionResultOf("saveStep", '0:{"a":"$@1"}\n1:E{"digest":"123"}\n')).toThrow(NoAnswer);
  });
});
