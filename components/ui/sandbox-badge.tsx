/** Tells everyone that nothing here reaches the real sFOX: no real account is opened. */
export function SandboxBadge() {
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full border border-sandbox-border bg-sandbox-bg px-2.5 py-0.5 text-xs font-semibold text-sandbox-fg"
      title="Sandbox mode: accounts are opened in a local simulator of sFOX, not at sFOX"
    >
      <span aria-hidden="true" className="size-1.5 rounded-full bg-sandbox-border" />
      Sandbox
    </span>
  );
}
