import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Rules the code keeps about its own shape, checked on every test run so that they hold as the
 * project grows: the browser's part of lib/ stays small, the domain has no React, app/ reaches the
 * database only through lib/ verbs, and the environment is read in one place. What a client component
 * may import, and who may touch the database, are also import rules of the linter (.oxlintrc.json,
 * scripts/lint/seamPlugin.mjs; scripts/lint.test.ts).
 */

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", ".next", "generated", "test-results", "data", ".git"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

const importsOf = (text: string) => [...text.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
/** Imports that stay in the bundle: `import type` and `export type` are erased when compiled. */
const runtimeImportsOf = (text: string) => importsOf(text.replace(/^\s*(import|export)\s+type\b[^;]*;/gm, ""));
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.endsWith("testing.ts");

/** lib/events/eventRow.ts and lib/events/x/y.ts are both in "events"; lib/config.ts is "config.ts". */
const libFolderOf = (file: string) => file.split(path.sep)[1]!;

/**
 * Every import from one file of lib/ to another, tests left out (a test may drive a read module
 * through the write path to give it data); test fixtures (testing.ts) are in, since tests of the
 * lower folders import them.
 */
function* libImports(): Generator<{ from: string; to: string }> {
  for (const from of sourceFiles("lib").filter((file) => !/\.test\.tsx?$/.test(file))) {
    for (const spec of importsOf(readFileSync(path.join(ROOT, from), "utf8"))) {
      const to = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
      if (to?.startsWith(`lib${path.sep}`) && !to.startsWith(path.join("lib", "generated"))) yield { from, to };
    }
  }
}

describe("architecture", () => {
  it("what the browser may import from lib/ (lib/explorerUrl) imports nothing else, so it stays small", () => {
    // Its tests are never sent to the browser.
    const offenders = sourceFiles(path.join("lib", "explorerUrl"))
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) =>
        runtimeImportsOf(readFileSync(path.join(ROOT, file), "utf8"))
          .filter((spec) => !spec.startsWith("./"))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("lib/ holds the domain, with no React or Next.js in it", () => {
    const offenders = sourceFiles("lib").flatMap((file) =>
      importsOf(readFileSync(path.join(ROOT, file), "utf8"))
        .filter((spec) => /^(react|react-dom|next)(\/|$)/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("nothing under app/ opens the database or reads where it is: pages, layouts, actions and routes call lib/ verbs", () => {
    const offenders = sourceFiles("app").flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      const drivers = importsOf(text)
        .filter((spec) => /(^|\/)lib\/(store|generated)(\/|$)|^better-sqlite3$|^@prisma\//.test(spec))
        .map((spec) => `${file} imports ${spec}`);
      return /\bdatabaseFile\b/.test(text) ? [...drivers, `${file} reads databaseFile`] : drivers;
    });
    expect(offenders).toEqual([]);
  });

  it("every route handler under app/ has the one shape (lib/routes/routeHandler), and none maps errors to answers itself", () => {
    const offenders = sourceFiles("app").flatMap((file) => {
      const imports = importsOf(readFileSync(path.join(ROOT, file), "utf8"));
      const shapeless =
        path.basename(file) === "route.ts" && !imports.some((spec) => spec.endsWith("lib/routes/routeHandler")) ? [`${file} does not use routeHandler`] : [];
      const ownAnswers = imports.filter((spec) => /lib\/http\/(problemResponse|domainErrorResponse)$/.test(spec)).map((spec) => `${file} imports ${spec}`);
      return [...shapeless, ...ownAnswers];
    });
    expect(offenders).toEqual([]);
  });

  it("only lib/config.ts reads the environment", () => {
    const offenders = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")].filter(
      (file) => file !== path.join("lib", "config.ts") && !isTest(file) && /process\.env\b/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("the read side (lib/events, lib/connections) imports nothing of the write side (lib/ingest, lib/sync)", () => {
    const offenders = [...libImports()].filter(
      ({ from, to }) => ["events", "connections"].includes(libFolderOf(from)) && ["ingest", "sync"].includes(libFolderOf(to)),
    );
    expect(offenders.map(({ from, to }) => `${from} imports ${to}`)).toEqual([]);
  });

  it("no folder of lib/ imports, directly or through others, a folder that imports it", () => {
    const uses = new Map<string, Set<string>>();
    for (const { from, to } of libImports()) {
      const [a, b] = [libFolderOf(from), libFolderOf(to)];
      if (a !== b) uses.set(a, (uses.get(a) ?? new Set()).add(b));
    }
    const reaches = (start: string, goal: string, seen = new Set<string>()): boolean =>
      [...(uses.get(start) ?? [])].some((next) => next === goal || (!seen.has(next) && (seen.add(next), reaches(next, goal, seen))));
    const loops = [...uses].flatMap(([folder, used]) => [...used].filter((other) => reaches(other, folder)).map((other) => `${folder} <-> ${other}`));
    expect(loops).toEqual([]);
  });

  it("every Playwright spec takes test and expect from e2e/fixtures.ts, which fails a test on a console error", () => {
    const offenders = sourceFiles("e2e")
      .filter((file) => file !== path.join("e2e", "fixtures.ts"))
      .filter((file) =>
        [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/import\s*{([^}]*)}\s*from\s*["']@playwright\/test["']/g)].some((m) =>
          /\b(test|expect)\b/.test(m[1]!),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
