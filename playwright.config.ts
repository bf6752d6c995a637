import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SYNC_TOKEN = "e2e-sync-token-0123456789";

// The browser tests run the production build in demo mode, on a fresh database of their own.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "on",
    trace: "retain-on-failure",
    timezoneId: "Asia/Tokyo",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these Chromium keeps trying to reach outside hosts, which this network refuses.
      args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--no-sandbox"],
    },
  },
  webServer: {
    command: `rm -rf data/e2e && npx next start -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: "file:./data/e2e/e2e.db",
      DEMO_EVENTS: "3000",
      NEXT_TELEMETRY_DISABLED: "1",
      PARSEC_API_KEY: "",
      PARSEC_TEAM_ID: "",
      SYNC_TOKEN: E2E_SYNC_TOKEN,
    },
  },
});
