import type { ReactNode } from "react";
import { requireAdminForThisRequest } from "@/lib/admin/require-admin";
import { ConsoleHeader } from "./_components/console-header";

// The first of two checks: pages, actions and route handlers check the session again themselves.
export default async function AdminConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdminForThisRequest();
  return (
    <>
      <ConsoleHeader email={admin.email} />
      <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>
    </>
  );
}
