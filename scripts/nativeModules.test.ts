import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { describeMissingNativeModules, missingNativeModules } from "./nativeModules.mjs";

const realRequire = createRequire(import.meta.url);
const REPO_ROOT = new URL("..", import.meta.url).pathname;

describe("the start command's native-module check", () => {
  it("finds nothing missing on a machine where npm ci ran the approved install scripts", () => {
    expect(missingNativeModules()).toEqual([]);
  });

  it("names a module whose compiled part is missing, with the error and the command that fixes it", () => {
    // better-sqlite3 as npm leaves it when its install script is skipped: the JavaScript is there,
    // the compiled binding is not (bindings reports it exactly so).
    const withoutBinding = (name: string) => {
      if (name !== "better-sqlite3") return realRequire(name);
      return function Database() {
        realRequire("bindings")("better_sqlite3_that_was_never_built.node");
      };
    };
    const missing = missingNativeModules(withoutBinding as NodeJS.Require);
    expect(missing).toEqual([
      {
        name: "better-sqlite3",
        error: expect.stringContaining("Could not locate the bindings file"),
        fix: expect.stringContaining("npm rebuild better-sqlite3"),
      },
    ]);
    const lines = describeMissingNativeModules(missing);
    expect(lines[0]).toMatch(/^\[parsec-viewer\] better-sqlite3 cannot load its native part: Could not locate the bindings file/);
    expect(lines.join("\n")).toMatch(/allowScripts/);
  });

  it("package.json approves the install script of every dependency that has one, so that no npm skips them", () => {
    const listed = execFileSync("npm", ["install-scripts", "ls"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(listed).toMatch(/No packages with unreviewed install scripts/);
  });
});
