// Where the time of a `node --cpu-prof` profile went: self time by area (our code, zod, SQLite,
// HTTP, GC...) and by function, and inclusive time of the repository's own functions.
import { readFileSync } from "node:fs";
import { REPO_ROOT } from "./child";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface TimeShare {
  name: string;
  ms: number;
  /** Of the profile's total. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byArea: TimeShare[];
  topSelf: TimeShare[];
  /** Functions of this repository (lib/, scripts/), time including their callees. */
  topInclusive: TimeShare[];
}

const AREAS: [RegExp, string][] = [
  [/node_modules\/zod\//, "zod"],
  [/node_modules\/better-sqlite3\//, "better-sqlite3 (JS side)"],
  [/node_modules\/(@prisma|prisma)\/|lib\/generated\/prisma\//, "prisma"],
  [/node_modules\/(tsx|esbuild|get-tsconfig)\//, "tsx loader"],
  [/^wasm:\/\//, "wasm (Prisma's schema engine, query compiler)"],
  [/^node:internal\/(modules|deps\/cjs-module-lexer|source_map)\//, "module loading (start-up)"],
  [/undici/, "undici (fetch)"],
  [/^node:internal\/(encoding|webstreams|util\/types)|^node:buffer/, "node text/streams (fetch body)"],
  [/^node:internal\/(http|net|stream|streams|dns|tls|timers)|^node:(http|net|stream|events|timers)/, "node net/events"],
  [/^node:/, "node other"],
  [/\/lib\/ingest\//, "lib/ingest"],
  [/\/lib\/events\//, "lib/events"],
  [/\/lib\/connections\//, "lib/connections"],
  [/\/lib\/sync\//, "lib/sync"],
  [/\/lib\/parsec\//, "lib/parsec"],
  [/\/lib\/store\//, "lib/store"],
  [/\/lib\//, "lib other"],
  [/\/scripts\//, "scripts"],
  [/node_modules\//, "other packages"],
];

function areaOf(frame: ProfileNode["callFrame"]): string {
  if (frame.url === "") {
    if (frame.functionName === "(garbage collector)") return "GC";
    if (frame.functionName === "(idle)") return "idle (waiting: I/O, other process)";
    if (frame.functionName === "(program)") return "V8/native (program)";
    // Native functions carry no url: name them, they are the interesting ones (SQLite calls, JSON).
    return `native: ${frame.functionName || "(anonymous)"}`;
  }
  for (const [pattern, area] of AREAS) if (pattern.test(frame.url)) return area;
  return "other";
}

function shortUrl(url: string): string {
  const root = `file://${REPO_ROOT}`;
  if (url.startsWith(root)) return url.slice(root.length);
  const modules = url.lastIndexOf("node_modules/");
  return modules >= 0 ? url.slice(modules + "node_modules/".length) : url;
}

function frameName(frame: ProfileNode["callFrame"]): string {
  const fn = frame.functionName || "(anonymous)";
  if (!frame.url) return fn;
  // tsx's output keeps no line numbers a profile could use: name our files without them.
  const ours = frame.url.startsWith(`file://${REPO_ROOT}`) && !frame.url.includes("/node_modules/");
  return ours ? `${fn} ${shortUrl(frame.url)}` : `${fn} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

export function summarizeCpuProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const addTo = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const areas = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    addTo(areas, areaOf(frame), us);
    addTo(selfByFunction, frameName(frame), us);
  }

  // Inclusive time of our own functions, counted once per stack even when they recurse.
  const inclusive = new Map<string, number>();
  const ours = (url: string) => url.startsWith(`file://${REPO_ROOT}`) && !url.includes("/node_modules/") && !url.includes("/lib/generated/");
  const subtreeUs = (id: number, active: Set<string>): number => {
    const node = byId.get(id)!;
    const key = ours(node.callFrame.url) ? frameName(node.callFrame) : null;
    const counts = key !== null && !active.has(key);
    if (counts) active.add(key);
    let us = selfUs.get(id) ?? 0;
    for (const child of node.children ?? []) us += subtreeUs(child, active);
    if (counts) {
      active.delete(key);
      addTo(inclusive, key, us);
    }
    return us;
  };
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  for (const node of profile.nodes) if (!childIds.has(node.id)) subtreeUs(node.id, new Set());

  const rank = (map: Map<string, number>, limit: number): TimeShare[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs > 0 ? us / totalUs : 0 }));
  return {
    file,
    totalMs: totalUs / 1000,
    byArea: rank(areas, top),
    topSelf: rank(selfByFunction, top),
    topInclusive: rank(inclusive, top),
  };
}
