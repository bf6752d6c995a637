import { defineConfig } from "@playwright/test";
import { JAPANESE_CHROMIUM } from "../browser";

// The container image test (scripts/container/image-test.sh) starts the image itself and points
// this config at it: no web server of Playwright's own, the same browser settings as e2e/.
export default defineConfig({
  testDir: ".",
  outputDir: "../../test-results/container",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.CONTAINER_URL,
    screenshot: "on",
    ...JAPANESE_CHROMIUM,
  },
});
