import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { currentAdmin } from "@/lib/admin/admin-session";
import { safeAdminPath } from "@/lib/admin/safe-next";
import { getEnv } from "@/lib/env";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Admin sign-in" };

export default async function AdminSignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeAdminPath((await searchParams).next);
  // Someone already signed in has nothing to do here.
  if (await currentAdmin()) redirect(next);
  const env = getEnv();
  const sandbox = env.sfox.mode === "sandbox";

  return (
    <div className="mx-auto w-full max-w-lg px-4 py-8 sm:px-6 sm:py-12">
      <h1 className="text-ink text-2xl font-bold sm:text-3xl">Sign in to the back office</h1>
      <p className="text-ink-muted mt-2">For partner admins. Ask another admin if you need an account.</p>
      <div className="mt-8">
        <SignInForm next={next} />
      </div>
      {sandbox ? (
        <Alert tone="info" className="mt-8">
          {env.admin ? (
            <>
              Sandbox: sign in as the admin set by <code>ADMIN_EMAIL</code> and <code>ADMIN_PASSWORD</code>.
            </>
          ) : (
            <>
              Sandbox: the sandbox admin&apos;s email and password were printed by <code>npm start</code> in its
              terminal the first time it ran.
            </>
          )}
        </Alert>
      ) : null}
    </div>
  );
}
