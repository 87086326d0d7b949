import { describe, expect, it } from "vitest";
import { rawUserSchema } from "./schemas";
import { toRequirements, toSfoxUser, toUserStatus, toUserToken } from "./transform";

describe("sFOX transforms", () => {
  it("normalises every documented status casing to one enum", () => {
    expect(["Pending", "PENDING", "pending"].map(toUserStatus)).toEqual(["pending", "pending", "pending"]);
    expect(["Verified", "VERIFIED"].map(toUserStatus)).toEqual(["verified", "verified"]);
    expect(["Unsupported", "UNSUPPORTED"].map(toUserStatus)).toEqual(["unsupported", "unsupported"]);
  });

  it("refuses a status or role sFOX never documented", () => {
    const base = {
      user_id: "u1",
      account_type: "individual",
      account_role: "Client",
      email: "a@b.co",
      first_name: "A",
      last_name: "B",
      phone_number: "+14155552671",
      status: "PENDING",
      requirements: {},
    };
    expect(rawUserSchema.safeParse(base).success).toBe(true);
    expect(rawUserSchema.safeParse({ ...base, status: "REJECTED" }).success).toBe(false);
    expect(rawUserSchema.safeParse({ ...base, account_role: "Owner" }).success).toBe(false);
  });

  it("reads missing requirement items as not required", () => {
    expect(toRequirements({ email: true })).toEqual({ email: true, sms: false });
    expect(toRequirements({})).toEqual({ email: false, sms: false });
  });

  it("maps a Get End User body (Title-case role, null advisor) to the app's user", () => {
    const raw = rawUserSchema.parse({
      account_type: "individual",
      account_role: "Client",
      user_id: "client_account_1",
      advisor_user_id: null,
      email: "sean@example.com",
      first_name: "Sean",
      last_name: "Fox",
      phone_number: "+12345678900",
      status: "VERIFIED",
      requirements: { email: false, sms: false },
      id: 42,
    });
    expect(toSfoxUser(raw)).toEqual({
      userId: "client_account_1",
      sfoxId: "42",
      accountType: "individual",
      accountRole: "client",
      advisorUserId: null,
      firstName: "Sean",
      lastName: "Fox",
      email: "sean@example.com",
      phoneNumber: "+12345678900",
      status: "verified",
      requirements: { email: false, sms: false },
    });
  });

  it("reads token expiry with or without milliseconds", () => {
    expect(toUserToken({ token: "t", partner_user_id: "u", expires: "2024-05-14T19:22:09.901Z" }).expiresAt.toISOString()).toBe(
      "2024-05-14T19:22:09.901Z",
    );
    expect(toUserToken({ token: "t", partner_user_id: "u", expires: "2024-05-14T19:22:09Z" }).expiresAt.toISOString()).toBe(
      "2024-05-14T19:22:09.000Z",
    );
  });
});
