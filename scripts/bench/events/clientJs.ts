// The JavaScript a browser loads for /events, gzipped, from the production build's manifests: the
// root files every page loads and the page's own entry chunks (its layout, error boundary and page),
// each file counted once. The legacy polyfills (served only to browsers without ES modules) are
// reported apart.
import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { REPO_ROOT } from "../lib/child";

const buildManifestSchema = z.object({ rootMainFiles: z.array(z.string()), polyfillFiles: z.array(z.string()) });
const clientManifestSchema = z.record(z.string(), z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())) }));

export interface ClientJs {
  /** Gzipped bytes a current browser loads for the page. */
  gzippedBytes: number;
  /** The same plus the legacy polyfills. */
  withPolyfillsBytes: number;
  files: { file: string; gzippedBytes: number }[];
}

export function measureClientJs(route = "/events/page"): ClientJs {
  const next = path.join(REPO_ROOT, ".next");
  const routeDir = path.join(next, "server", "app", ...route.split("/").filter(Boolean));
  const build = buildManifestSchema.parse(JSON.parse(readFileSync(path.join(routeDir, "build-manifest.json"), "utf8")));
  // The client reference manifest is a script that assigns globalThis.__RSC_MANIFEST.
  const sandbox: { self: Record<string, unknown>; globalThis?: unknown; __RSC_MANIFEST?: unknown } = { self: {} };
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(`${routeDir}_client-reference-manifest.js`, "utf8"), sandbox);
  const manifest = clientManifestSchema.parse(sandbox.__RSC_MANIFEST)[route];
  if (!manifest) throw new Error(`the build has no client manifest for ${route}`);
  const files = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
  const gzipped = (file: string) => gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length;
  const measured = [...files].map((file) => ({ file, gzippedBytes: gzipped(file) }));
  const total = measured.reduce((sum, f) => sum + f.gzippedBytes, 0);
  const polyfills = build.polyfillFiles.reduce((sum, file) => sum + gzipped(file), 0);
  return { gzippedBytes: total, withPolyfillsBytes: total + polyfills, files: measured };
}
