import type { UserListRow } from "@/lib/db/user-list";

/** The export's columns, in order: header text and how each is read from a row. */
const COLUMNS: Array<[string, (row: UserListRow) => string]> = [
  ["user_id", (row) => row.userId],
  ["first_name", (row) => row.firstName],
  ["last_name", (row) => row.lastName],
  ["email", (row) => row.email],
  ["phone_number", (row) => row.phoneNumber],
  ["account_type", (row) => row.accountType],
  ["account_role", (row) => row.accountRole],
  ["status", (row) => row.status],
  // sFOX's requirements as they are (true = still to confirm): a corporation is never asked for an
  // SMS code, so "confirmed" would be wrong for it.
  ["email_to_confirm", (row) => String(Boolean(row.requirements.email))],
  ["sms_to_confirm", (row) => String(Boolean(row.requirements.sms))],
  ["advisor_user_id", (row) => row.advisorUserId ?? ""],
  ["created_at", (row) => row.createdAt.toISOString()],
  ["last_change_at", (row) => row.updatedAt.toISOString()],
  ["deactivated_at", (row) => row.deactivatedAt?.toISOString() ?? ""],
];

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) gets a leading apostrophe: names and emails are typed by end users.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(",")}\r\n`;
}

export function csvRows(rows: readonly UserListRow[]): string {
  return rows.map((row) => `${COLUMNS.map(([, read]) => csvField(read(row))).join(",")}\r\n`).join("");
}
