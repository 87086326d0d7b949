import * as z from "@/lib/zod-mini";
import { typeError } from "@/lib/validations/messages";

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_FORMAT_MESSAGE = "Enter a date in the format YYYY-MM-DD";
export const ADULT_AGE = 18;

/** Today's date as `YYYY-MM-DD` in UTC, the calendar sFOX and the sandbox compare against. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` string naming a day that exists (no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether someone born on `dob` is at least `age` on `today` (both `YYYY-MM-DD`). Comparing
 * strings against "today, `age` years earlier" makes a 29 February birthday count on 1 March in
 * common years.
 */
export function isAtLeastAge(dob: string, today: string, age = ADULT_AGE): boolean {
  const cutoffYear = String(Number(today.slice(0, 4)) - age).padStart(4, "0");
  return dob <= `${cutoffYear}${today.slice(4)}`;
}

/** A real calendar date, year 1900 or later, not after today (UTC). */
export const dateSchema = z
  .string({ error: typeError(DATE_FORMAT_MESSAGE) })
  .check(
    z.maxLength(10, { error: DATE_FORMAT_MESSAGE, abort: true }),
    z.regex(DATE_PATTERN, { error: DATE_FORMAT_MESSAGE, abort: true }),
    z.refine(isCalendarDate, { error: "Enter a date that exists", abort: true }),
    z.refine((value) => value >= "1900-01-01", { error: "Enter a date in 1900 or later", abort: true }),
    z.refine((value) => value <= todayUtc(), { error: "Enter a date that is not in the future", abort: true }),
  );

/** A date of birth of someone who is 18 or older today. */
export const adultDobSchema = dateSchema.check(
  z.refine((value) => isAtLeastAge(value, todayUtc()), { error: "Must be 18 or older", abort: true }),
);
