import { cx } from "@/components/ui/field";
import { STATUS_LABELS } from "@/lib/admin/status-labels";
import type { UserListItem } from "@/lib/admin/live-user-list";

const STYLES: Record<UserListItem["status"], string> = {
  pending: "border-amber-600 bg-amber-50 text-amber-950",
  verified: "border-green-700 bg-green-50 text-green-900",
  unsupported: "border-red-700 bg-red-50 text-red-900",
};

/** A user's sFOX status in words (colour is never the only signal), and "Deactivated" when closed. */
export function StatusBadge({ status, deactivated }: { status: UserListItem["status"]; deactivated?: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={cx("inline-block rounded-full border px-2 py-0.5 text-xs font-semibold", STYLES[status])}>
        {STATUS_LABELS[status]}
      </span>
      {deactivated ? (
        <span className="inline-block rounded-full border border-gray-500 bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800">
          Deactivated
        </span>
      ) : null}
    </span>
  );
}

/**
 * What is left to confirm: each requirement as a chip that says whether it is done. sFOX never asks
 * a corporation for an SMS code, so it has no SMS chip (rather than a misleading "confirmed").
 */
export function RequirementChips({
  requirements,
  accountType,
}: {
  requirements: UserListItem["requirements"];
  accountType: UserListItem["accountType"];
}) {
  const types = accountType === "corporation" && !requirements.sms ? (["email"] as const) : (["email", "sms"] as const);
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Verification">
      {types.map((type) => {
        const pending = requirements[type];
        const label = type === "sms" ? "SMS" : "Email";
        return (
          <li
            key={type}
            className={cx(
              "rounded border px-1.5 py-0.5 text-xs",
              pending ? "border-gray-400 bg-white text-ink-muted" : "border-green-700 bg-green-50 text-green-900",
            )}
          >
            <span aria-hidden="true">{pending ? "○ " : "✓ "}</span>
            {label} {pending ? "to confirm" : "confirmed"}
          </li>
        );
      })}
    </ul>
  );
}
