import type { Metadata } from "next";
import { requireAdmin } from "@/lib/admin/require-admin";
import { ADMIN_HOME } from "@/lib/admin/safe-next";
import { realtimeHealth } from "@/lib/realtime/runtime";
import { FeedStatus } from "./_components/feed-status";

export const metadata: Metadata = { title: "Users" };

export default async function AdminHomePage() {
  // Checked again here: a layout's redirect alone protects nothing.
  await requireAdmin(ADMIN_HOME);
  return (
    <>
      <h1 className="text-ink text-2xl font-bold sm:text-3xl">Users</h1>
      <div className="mt-2">
        <FeedStatus health={realtimeHealth()} />
      </div>
      <p className="text-ink mt-6 max-w-prose">
        The list of users is not built yet.
      </p>
    </>
  );
}
