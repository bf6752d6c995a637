// npm run build:cli: bundles scripts/viewer-cli.ts and the commands it loads into .next/cli/, which
// the Dockerfile copies into the image beside the standalone server (.next/standalone). The image
// has no tsx, no TypeScript sources and no node_modules beyond what the server traces, so the
// commands go in as plain JavaScript with the project's own code and small libraries inlined.
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, ".next/cli");

// Left to the standalone server's node_modules, which already hold them (the server loads them
// from there too): better-sqlite3 is a compiled addon, the schema engine reads its .wasm file by
// path, pino starts its workers from its own files, and Prisma's runtime carries a large inlined
// query compiler that a second copy would only add to the image.
const EXTERNAL = ["better-sqlite3", "@prisma/*", "pino", "pino-pretty"];

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { "viewer-cli": "scripts/viewer-cli.ts" },
  outdir,
  bundle: true,
  // One chunk per command (loaded only when asked for) and one for what they share.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  external: EXTERNAL,
  tsconfig: path.join(root, "tsconfig.json"),
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  // Bundled CommonJS libraries call require(), which an ES module does not have.
  banner: { js: `import { createRequire as __viewerCliRequire } from "node:module"; const require = __viewerCliRequire(import.meta.url);` },
});
// The launcher is linked onto the image's PATH and run by name.
const launcher = path.join(outdir, "viewer-cli.mjs");
chmodSync(launcher, 0o755);
console.error(`build:cli: ${path.relative(root, launcher)} and its chunks`);
