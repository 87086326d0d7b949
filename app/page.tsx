import { ButtonLink } from "@/components/ui/button-link";
import { getEnv } from "@/lib/env";

const steps = [
  { title: "Tell us who you are", text: "Your identity and address, or your company and its owners. About five minutes." },
  { title: "Confirm your email and phone", text: "We send you short codes; type them in to prove they are yours." },
  { title: "Watch your account open", text: "Your status updates live, from pending to verified, without reloading." },
] as const;

export default function LandingPage() {
  const { partnerName } = getEnv();
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6 sm:py-20">
      <section aria-labelledby="hero-title" className="max-w-prose">
        <h1 id="hero-title" className="text-3xl font-bold tracking-tight text-brand-900 sm:text-5xl">
          Open a crypto trading account in minutes
        </h1>
        <p className="mt-4 text-lg text-ink-muted">
          {partnerName} opens your account at sFOX, a crypto prime broker. Individuals and companies
          can apply; we verify your details and keep you posted as it happens.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/onboarding">Open an account</ButtonLink>
          <ButtonLink href="/admin" variant="secondary">
            Partner admin
          </ButtonLink>
        </div>
      </section>

      <section aria-labelledby="how-title" className="mt-16">
        <h2 id="how-title" className="text-xl font-semibold">
          How it works
        </h2>
        <ol className="mt-6 grid gap-6 sm:grid-cols-3">
          {steps.map((step, index) => (
            <li key={step.title} className="rounded-xl border border-gray-200 p-5">
              <span className="text-sm font-semibold text-brand-700">Step {index + 1}</span>
              <h3 className="mt-1 font-semibold">{step.title}</h3>
              <p className="mt-2 text-sm text-ink-muted">{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
