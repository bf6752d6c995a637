// The native modules the viewer cannot start without, checked before `npm start` builds or serves.
// npm runs a dependency's install script (which compiles better-sqlite3) only when package.json's
// allowScripts approves it; a newer npm, or one set to ignore scripts, would leave the module
// without its compiled part, and the server would fail later with a stack trace instead of this.
import { createRequire } from "node:module";

const NATIVE_MODULES = [
  {
    name: "better-sqlite3",
    // The compiled part is loaded on the first connection, not on import.
    load: (require) => {
      const Database = require("better-sqlite3");
      new Database(":memory:").close();
    },
    fix: "npm rebuild better-sqlite3 (it compiles from source: python3, make and g++ must be installed)",
  },
];

/** The native modules that do not load here, each with the error it gave and the command that fixes it. */
export function missingNativeModules(require = createRequire(import.meta.url)) {
  const missing = [];
  for (const nativeModule of NATIVE_MODULES) {
    try {
      nativeModule.load(require);
    } catch (error) {
      missing.push({ name: nativeModule.name, error: error instanceof Error ? error.message.split("\n")[0] : String(error), fix: nativeModule.fix });
    }
  }
  return missing;
}

export function describeMissingNativeModules(missing) {
  return missing.flatMap(({ name, error, fix }) => [
    `[parsec-viewer] ${name} cannot load its native part: ${error}`,
    `[parsec-viewer]   Its install script did not run or failed (npm runs a dependency's install script only when package.json's allowScripts approves it).`,
    `[parsec-viewer]   Fix: ${fix}, then npm start again.`,
  ]);
}
