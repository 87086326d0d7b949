import { ButtonLink } from "@/components/ui/button-link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-prose px-4 py-20 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-3 text-ink-muted">The page you asked for does not exist or has moved.</p>
      <ButtonLink href="/" className="mt-8">
        Back to the start
      </ButtonLink>
    </div>
  );
}
