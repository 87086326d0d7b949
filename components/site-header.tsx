import Link from "next/link";
import { SandboxBadge } from "@/components/ui/sandbox-badge";

export function SiteHeader({ partnerName, sandbox }: { partnerName: string; sandbox: boolean }) {
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-brand-900">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            {partnerName.charAt(0).toUpperCase()}
          </span>
          {partnerName}
        </Link>
        {sandbox ? <SandboxBadge /> : null}
      </div>
    </header>
  );
}
