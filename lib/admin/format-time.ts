const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/**
 * A moment as the back office shows it: `22 Nov 2026, 14:03 UTC`. Always UTC and one locale, so
 * the server's render and the browser's live updates print the same text.
 */
export function formatUtc(value: string | Date): string {
  return `${formatter.format(typeof value === "string" ? new Date(value) : value)} UTC`;
}
