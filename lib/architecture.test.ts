import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Rules the code keeps about its own shape, checked on every test run so that they hold as the
 * project grows: the browser's part of lib/ stays small, the domain has no React, and the
 * environment is read in one place. What a client component may import, and who may touch the database, are
 * import rules of the linter (.oxlintrc.json, scripts/lint/seamPlugin.mjs; scripts/lint.test.ts).
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

describe("architecture", () => {
  it("what the browser may import from lib/ (lib/explorerUrl) imports nothing else, so it stays small", () => {
    const offenders = sourceFiles(path.join("lib", "explorerUrl")).flatMap((file) =>
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

  it("only lib/config.ts reads the environment", () => {
    const offenders = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")].filter(
      (file) => file !== path.join("lib", "config.ts") && !isTest(file) && /process\.env\b/.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("every Playwright spec takes test and expect from e2e/fixtures.ts, which fails a test on a console error", () => {
    const offenders = sourceFiles("e2e")
      .filter((file) => file !== path.join("e2e", "fixtures.ts"))
      .filter((file) =>
        [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/import\s*{([^}]*)}\s*from\s*["']@playwright\/test["']/g)].some((m) => /\b(test|expect)\b/.test(m[1]!)),
      );
    expect(offenders).toEqual([]);
  });
});
