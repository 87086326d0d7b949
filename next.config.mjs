/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load native/wasm assets or keep sockets open; bundling them breaks them (websockets/ws#2288).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "ws"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
