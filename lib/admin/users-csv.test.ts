import { describe, expect, it } from "vitest";
import { csvField, csvHeader, csvRows } from "./users-csv";

describe("csvField", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("Doe, Jane")).toBe('"Doe, Jane"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses what a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("csvRows", () => {
  it("writes one line per user, in the header's column order", () => {
    const header = csvHeader().trim().split(",");
    const line = csvRows([
      {
        userId: "u-1",
        firstName: "Ada",
        lastName: "Lovelace",
        email: "ada@example.com",
        phoneNumber: "+14155550123",
        accountType: "individual",
        accountRole: "client",
        status: "pending",
        requirements: { email: false, sms: true },
        advisorUserId: null,
        createdAt: new Date("2026-01-02T03:04:05.000Z"),
        updatedAt: new Date("2026-01-03T03:04:05.000Z"),
        deactivatedAt: null,
      },
    ]);
    expect(line.endsWith("\r\n")).toBe(true);
    const values = line.trim().split(",");
    const row = Object.fromEntries(header.map((name, i) => [name, values[i]]));
    expect(row).toMatchObject({
      user_id: "u-1",
      email: "ada@example.com",
      phone_number: "'+14155550123",
      status: "pending",
      email_to_confirm: "false",
      sms_to_confirm: "true",
      created_at: "2026-01-02T03:04:05.000Z",
      deactivated_at: "",
    });
  });
});
