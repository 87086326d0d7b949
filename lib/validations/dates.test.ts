import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { adultDobSchema, dateSchema, isAtLeastAge, isCalendarDate, todayUtc } from "@/lib/validations/dates";

function messageOf(result: { error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((issue) => issue.message);
}

describe("dates", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Late evening in New York is already the next day in UTC: "today" is the UTC date.
    vi.setSystemTime(new Date("2026-03-01T02:30:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("uses the UTC date as today", () => {
    expect(todayUtc()).toBe("2026-03-01");
  });

  it("knows real calendar dates", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2023-02-30")).toBe(false);
    expect(isCalendarDate("2023-04-31")).toBe(false);
    expect(isCalendarDate("2023-00-10")).toBe(false);
  });

  it.each(["1900-01-01", "2020-10-15", "2026-03-01"])("accepts the date %s", (date) => {
    expect(dateSchema.safeParse(date).success).toBe(true);
  });

  it.each([
    ["2023-02-30", "Enter a date that exists"],
    ["1899-12-31", "Enter a date in 1900 or later"],
    ["2026-03-02", "Enter a date that is not in the future"],
    ["20-10-15", "Enter a date in the format YYYY-MM-DD"],
    ["2020/10/15", "Enter a date in the format YYYY-MM-DD"],
    ["2020-10-15T00:00:00Z", "Enter a date in the format YYYY-MM-DD"],
    [" 2020-10-15", "Enter a date in the format YYYY-MM-DD"],
  ])("refuses the date %s with one message", (date, message) => {
    expect(messageOf(dateSchema.safeParse(date))).toEqual([message]);
  });

  it("accepts a dob exactly 18 years ago and refuses one a day later", () => {
    expect(adultDobSchema.safeParse("2008-03-01").success).toBe(true);
    expect(messageOf(adultDobSchema.safeParse("2008-03-02"))).toEqual(["Must be 18 or older"]);
  });

  it("counts a 29 February birthday on 1 March in common years", () => {
    expect(isAtLeastAge("2008-02-29", "2026-02-28")).toBe(false);
    expect(isAtLeastAge("2008-02-29", "2026-03-01")).toBe(true);
    expect(isAtLeastAge("2010-02-28", "2028-02-29")).toBe(true);
    expect(isAtLeastAge("2010-03-01", "2028-02-29")).toBe(false);
  });
});
