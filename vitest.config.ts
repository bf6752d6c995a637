import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", "lib/generated/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests run servers and SQLite files of their own; two cores are shared by all of them.
    maxWorkers: 2,
  },
});
