import Link from "next/link";

/** An unknown user id in the back office: a real 404 with the way back. */
export default function UserNotFound() {
  return (
    <>
      <h1 className="text-ink text-2xl font-bold sm:text-3xl">No such user</h1>
      <p className="text-ink mt-4 max-w-prose">
        There is no user with this id. It may have been mistyped, or the link may come from another environment.
      </p>
      <p className="mt-6">
        <Link href="/admin" className="text-brand-700 underline underline-offset-4">
          Back to the users list
        </Link>
      </p>
    </>
  );
}
