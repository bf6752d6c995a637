import createNextIntlPlugin from "next-intl/plugin";

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

/**
 * Every answer but the build's static files says no-store: pages, route handlers (exports, the sync
 * status, an upload's outcome), errors and redirects all carry audit data or a session's view of
 * it, which no browser cache or proxy may keep. Set here rather than in proxy.ts because it then
 * also reaches routes the proxy does not run on. A route handler's own Cache-Control would win,
 * and Next.js writes its own (also no-store) on every dynamic page: e2e/noStore.spec.ts checks
 * every route. The hashed static files keep the long cache Next.js gives them.
 */
const NO_STORE = [{ key: "Cache-Control", value: "no-store" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The container image (Dockerfile) runs .next/standalone: the server with only the files it
  // traces, the migrations it applies at start and the schema engine that applies them (loaded by
  // path, so traced by hand). `npm start` goes on serving the full checkout.
  output: "standalone",
  outputFileTracingIncludes: { "/**": ["./prisma/schema.prisma", "./prisma/migrations/**", "./node_modules/@prisma/schema-engine-wasm/**"] },
  // proxy.ts must see the router's own requests for what they are (the RSC header and the _rsc
  // parameter, which Next.js otherwise strips before it runs): a prefetch or a client navigation
  // without a session is then sent to sign in, where a 401 would break it with an error.
  skipProxyUrlNormalize: true,
  // Native and WebAssembly packages are loaded by Node at run time rather than bundled.
  // prom-client too: scripts/serve.mjs and the bundled /metrics route must share one instance.
  // Google's logging client reads its protocol definitions from its own files at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/schema-engine-wasm", "@prisma/adapter-better-sqlite3", "prom-client", "@google-cloud/logging"],
  // Browsers still ask for /favicon.ico on some navigations, whatever the page's <link rel=icon>
  // says: a 404 there is an error in the console (and in the browser tests' fixture).
  async redirects() {
    return [{ source: "/favicon.ico", destination: "/icon.svg", permanent: true }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/:path((?!_next/static/).*)", headers: NO_STORE },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

// next-intl finds its per-request configuration (language, catalogue, zone) in i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
