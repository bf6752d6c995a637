/**
 * Headers every answer carries, static files included. The Content-Security-Policy (with its
 * per-request nonce) comes from proxy.ts for everything but the build's static files, which get a
 * policy that allows nothing: they are scripts and styles, never documents.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native and WebAssembly packages are loaded by Node at run time rather than bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/schema-engine-wasm", "@prisma/adapter-better-sqlite3"],
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
