/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load native/wasm assets or keep sockets open; bundling them breaks them (websockets/ws#2288).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "ws"],
  poweredByHeader: false,
  experimental: {
    // The HTTP layer (scripts/app-server.ts) refuses bodies over 100 KB before Next.js reads them;
    // this is the same limit for server actions, in case Next.js is ever served another way.
    serverActions: { bodySizeLimit: "100kb" },
  },
  reactStrictMode: true,
};

export default nextConfig;
