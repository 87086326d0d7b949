import { describe, expect, it } from "vitest";
import { parseFeedFrame, rawTimestamp } from "./feed-messages";

const token = { token: "a".repeat(64), expires: "2024-05-30T17:55:27.981Z", partner_user_id: "client_1" };

describe("sFOX feed frames", () => {
  it("keeps the 19-digit nanosecond timestamp exact", () => {
    const text = '{"sequence":5,"recipient":"private.enterprise.users","timestamp":1717005327995988841,"payload":{}}';
    expect(rawTimestamp(text)).toBe(1717005327995988841n);
    // What JSON.parse would have given: a rounded number.
    expect(BigInt(JSON.parse(text).timestamp as number)).not.toBe(1717005327995988841n);
  });

  it("reads only the frame's own timestamp, not one nested in the payload or inside a string", () => {
    const text =
      '{"payload":{"timestamp":1,"note":"\\"timestamp\\":2"},"sequence":1,"recipient":"x","timestamp":1717005327995988842}';
    expect(rawTimestamp(text)).toBe(1717005327995988842n);
    expect(rawTimestamp('{"sequence":1}')).toBeNull();
  });

  it("reads the authenticate and subscribe replies", () => {
    expect(
      parseFeedFrame('{"type":"success","sequence":2,"timestamp":1649898453577592461,"payload":{"action":"authenticate"},"action":"authenticate"}'),
    ).toEqual({ kind: "reply", sequence: 2, timestampNs: 1649898453577592461n, action: "authenticate", success: true, feeds: [] });
    expect(
      parseFeedFrame('{"type":"error","sequence":1,"timestamp":1649898453577592461,"payload":{"action":"authenticate"},"action":"authenticate"}'),
    ).toMatchObject({ kind: "reply", success: false, action: "authenticate" });
    expect(
      parseFeedFrame('{"type":"success","sequence":3,"timestamp":1727392002151355776,"payload":{"action":"subscribe","feeds":["private.enterprise.users"]}}'),
    ).toMatchObject({ kind: "reply", action: "subscribe", feeds: ["private.enterprise.users"] });
  });

  it("turns the documented onboarding message into the app's own update", () => {
    const text = JSON.stringify({
      sequence: 5,
      recipient: "private.enterprise.users",
      timestamp: 0,
      payload: {
        user_id: "client_1",
        first_name: "Brando",
        last_name: "Marks",
        email: "b@example.com",
        phone_number: "+12223334444",
        account_role: "Client",
        account_type: "individual",
        status: "VERIFIED",
        user_token: token,
        requirements: { sms: false, email: false },
      },
    }).replace('"timestamp":0', '"timestamp":1717005327995988841');
    const frame = parseFeedFrame(text);
    expect(frame).toMatchObject({ kind: "user", sequence: 5, timestampNs: 1717005327995988841n });
    if (frame.kind !== "user") throw new Error("expected a user frame");
    expect(frame.update).toMatchObject({
      userId: "client_1",
      accountRole: "client",
      status: "verified",
      requirements: { email: false, sms: false },
    });
    expect(frame.update.token?.token).toBe(token.token);
  });

  it("accepts a payload sent as a JSON string, as one page describes it", () => {
    const payload = JSON.stringify({ user_id: "u", account_type: "individual", account_role: "Client", status: "PENDING" });
    const frame = parseFeedFrame(
      `{"sequence":7,"recipient":"private.enterprise.users","timestamp":1717005327995988841,"payload":${JSON.stringify(payload)}}`,
    );
    expect(frame).toMatchObject({ kind: "user", update: { userId: "u", status: "pending", token: null } });
  });

  it("passes over frames of other feeds and malformed payloads", () => {
    expect(parseFeedFrame('{"sequence":9,"recipient":"ticker.sfox.btcusd","timestamp":1,"payload":{}}')).toEqual({ kind: "other", sequence: 9 });
    expect(parseFeedFrame('{"sequence":10,"recipient":"private.enterprise.users","timestamp":1,"payload":{"status":"WEIRD"}}')).toEqual({
      kind: "other",
      sequence: 10,
    });
    expect(() => parseFeedFrame("not json")).toThrow();
  });
});
