// Stand-in for the `server-only` package under Vitest, which runs server modules outside Next.js.
export {};
