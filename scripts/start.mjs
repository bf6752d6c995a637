// npm start: build when the sources are newer than the last build, then serve. A self-hoster's
// restart does not pay for a rebuild; a fresh clone or a pulled change gets one.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describeMissingNativeModules, missingNativeModules } from "./nativeModules.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const missing = missingNativeModules();
if (missing.length > 0) {
  for (const line of describeMissingNativeModules(missing)) console.error(line);
  process.exit(1);
}
const SOURCES = ["app", "components", "lib", "prisma", "instrumentation.ts", "proxy.ts", "next.config.mjs", "package.json", "package-lock.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (!SKIP.has(child)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const buildId = path.join(".next", "BUILD_ID");
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (builtAt < Math.max(...SOURCES.map(newestMtime))) {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// scripts/serve.mjs is `next start` plus the TCP peer's address on each request (see there why).
const serve = spawnSync(process.execPath, ["scripts/serve.mjs", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(serve.status ?? 1);
