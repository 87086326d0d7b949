const ITEMS = [
  { key: "email", label: "Email address confirmed" },
  { key: "sms", label: "Mobile phone confirmed" },
] as const;

/** What sFOX still needs, ticked off as codes are confirmed. */
export function RequirementsChecklist({
  requirements,
  isCorporation,
}: {
  requirements: Record<string, boolean | undefined>;
  isCorporation: boolean;
}) {
  const items = ITEMS.filter((item) => !(isCorporation && item.key === "sms"));
  return (
    <section aria-labelledby="requirements-title">
      <h2 id="requirements-title" className="text-lg font-semibold">
        What sFOX needs from you
      </h2>
      <ul className="mt-3 space-y-2">
        {items.map((item) => {
          const done = !requirements[item.key];
          return (
            <li key={item.key} className="flex items-center gap-3">
              <span
                aria-hidden="true"
                className={`grid size-6 place-items-center rounded-full text-sm font-bold ${done ? "bg-green-700 text-white" : "border-2 border-gray-400 text-transparent"}`}
              >
                ✓
              </span>
              <span>
                {item.label}
                <span className="sr-only">{done ? ": done" : ": still to do"}</span>
                {!done ? <span className="ml-2 text-sm text-ink-muted">To do</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
