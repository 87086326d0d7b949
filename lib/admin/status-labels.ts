import type { UserRow } from "@/lib/db/schema";

/** The words the back office uses for sFOX's statuses, everywhere. */
export const STATUS_LABELS: Record<UserRow["status"], string> = {
  pending: "Pending",
  verified: "Verified",
  unsupported: "Unsupported",
};

export const ACCOUNT_TYPE_LABELS: Record<UserRow["accountType"], string> = {
  individual: "Individual",
  corporation: "Corporation",
};

export const ROLE_LABELS: Record<UserRow["accountRole"], string> = {
  client: "Client",
  advisor: "Advisor",
};
