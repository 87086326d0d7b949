import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { getEnv } from "@/lib/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { partnerName } = getEnv();
  return {
    title: { default: `${partnerName} — open your account`, template: `%s — ${partnerName}` },
    description: "Open a crypto trading account, held at sFOX, in a few minutes.",
    icons: { icon: "/icon.svg" },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Configuration is read at request time, never baked into the build.
  await connection();
  const env = getEnv();

  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader partnerName={env.partnerName} sandbox={env.sfox.mode === "sandbox"} />
        <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-gray-200 py-6 text-center text-sm text-ink-muted">
          Accounts are opened and held by sFOX through the sFOX Connect API.
        </footer>
      </body>
    </html>
  );
}
