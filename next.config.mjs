/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native and WebAssembly packages are loaded by Node at run time rather than bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/schema-engine-wasm", "@prisma/adapter-better-sqlite3"],
};

export default nextConfig;
