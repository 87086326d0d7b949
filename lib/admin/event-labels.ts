/** How the timeline names each kind of event the log records. */
export const EVENT_KIND_LABELS: Record<string, string> = {
  registered: "Registered with sFOX",
  verification: "Code confirmed",
  feed: "Update from the sFOX feed",
  reconciled: "Caught up with sFOX after a gap in the feed",
  refreshed: "Refreshed from sFOX by an admin",
  deactivated: "Account deactivated",
};

/** How the activity log names each admin action. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  reveal_contact: "Revealed email and phone",
  resend_code: "Sent a verification code",
  refresh_from_sfox: "Refreshed from sFOX",
  deactivate: "Deactivated the account",
  export_users: "Exported users",
};
