/**
 * Contact details as the back office shows them until an admin deliberately reveals them (which
 * is audited): enough to recognise a person on the phone, not enough to copy off a screen.
 */

const DOT = "•";

/**
 * `jane.doe@example.com` -> `j•••••••@example.com`; the domain stays, it is rarely personal. At
 * most eight dots, so a long address neither stretches the table nor gives its length away.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return DOT.repeat(Math.max(3, email.length));
  const local = email.slice(0, at);
  return `${local[0]}${DOT.repeat(Math.min(8, Math.max(3, local.length - 1)))}${email.slice(at)}`;
}

/** `+14155550123` -> `+1 ••••••0123`: the country code and the last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return DOT.repeat(4);
  const last = digits.slice(-4);
  // E.164 numbers start with the country code; keep at most its first digit, which tells the region.
  const lead = phone.trim().startsWith("+") ? `+${digits[0]} ` : "";
  return `${lead}${DOT.repeat(Math.max(4, digits.length - 4 - (lead ? 1 : 0)))}${last}`;
}
