import { Button } from "@/components/ui/button";
import { signOut } from "../_actions/sign-out";

/** The back office's own bar: who is signed in, and the way out. Works without JavaScript. */
export function ConsoleHeader({ email }: { email: string }) {
  return (
    <div className="border-b border-gray-200 bg-gray-50">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2 sm:px-6">
        <p className="text-ink font-semibold">Back office</p>
        <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2">
          <p className="text-ink-muted min-w-0 truncate text-sm">
            Signed in as <span className="text-ink font-medium">{email}</span>
          </p>
          <form action={signOut}>
            <Button type="submit" variant="secondary" className="min-h-10 px-4 py-1.5 text-sm">
              Sign out
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
