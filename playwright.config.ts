import { defineConfig } from "@playwright/test";
import { JAPANESE_CHROMIUM } from "./e2e/browser";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** A second server, on a database of its own with no admin configured: the first-start flow. */
export const FIRST_START_PORT = PORT + 1;
export const FIRST_START_URL = `http://127.0.0.1:${FIRST_START_PORT}`;
/** Where that server's console output goes (it is also shown as usual), for the one-time password. */
export const FIRST_START_LOG = "data/e2e-first/server.log";
/** The main server's console output, searched for secrets by e2e/secrets.spec.ts. */
export const E2E_SERVER_LOG = "data/e2e/server.log";
export const E2E_SYNC_TOKEN = "e2e-sync-token-0123456789";
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
/** The admin every spec signs in as (e2e/auth.setup.ts saves its session for the other specs). */
export const E2E_ADMIN = { email: "e2e-admin@example.com", password: "e2e-admin-password-4711" };
export const E2E_STORAGE_STATE = "data/e2e-auth/admin.json";
/**
 * A third server, on a database of its own, for the uploads of tens of megabytes (e2e/uploads/):
 * their hundreds of thousands of events would otherwise crowd the demo team out of the other specs.
 */
export const UPLOADS_URL = `http://127.0.0.1:${PORT + 2}`;
/**
 * Where the main server forwards its events (its INTEGRATIONS_FILE): a receiver e2e/integrations.spec.ts
 * starts on this port only when it wants the destination up, so until then it is down and lagging.
 */
export const E2E_INTEGRATION_PORT = PORT + 3;
const E2E_INTEGRATIONS_FILE = JSON.stringify({
  destinations: [{ name: "collector", type: "http", url: `http://127.0.0.1:${E2E_INTEGRATION_PORT}/ingest`, timeoutSeconds: 2 }],
});
/**
 * A simulated Parsec API of its own on a fixed port (PORT+4), and a viewer syncing from it as from
 * a real team (PORT+5), with no background sync: e2e/syncProgress/ slows its answers down
 * (POST /__simulator/faults) so that a Sync now lasts long enough to be watched page by page.
 */
export const PROGRESS_SIMULATOR_URL = `http://127.0.0.1:${PORT + 4}`;
export const PROGRESS_URL = `http://127.0.0.1:${PORT + 5}`;
/** Its history, and its page size: a first sync of it is a backfill of many pages. */
export const PROGRESS_EVENTS = 3000;
export const PROGRESS_PAGE_SIZE = 100;
export const PROGRESS_RATE_LIMIT = "10/5";
const PROGRESS_TEAM = { id: "e2eProgressTeam", apiKey: "tapi_e2eprogress.0123456789abcdef" };

/**
 * Servers a spec starts and stops itself (e2e/serverProcess.ts), to signal them or read their
 * output: the SIGTERM test's, and the log test's with the destination it fails to deliver to.
 */
export const SHUTDOWN_SERVER_PORT = PORT + 6;
export const LOG_SERVER_PORT = PORT + 7;
export const LOG_DESTINATION_PORT = PORT + 8;
/** A server whose Parsec key may not read the audit log: its overview says why the sync failed. */
export const SYNC_REFUSED_PORT = PORT + 9;
/** That server's upload limit, set rather than defaulted: e2e/uploads/ uploads just under and just over it. */
export const E2E_IMPORT_MAX_MB = 50;

const env = {
  DEMO_EVENTS: "3000",
  NEXT_TELEMETRY_DISABLED: "1",
  PARSEC_API_KEY: "",
  PARSEC_TEAM_ID: "",
};

/**
 * One more viewer (the production build) on a fresh data/<dir> of its own, without a background
 * sync or a sync token unless `settings` says otherwise; its console also goes to `log`.
 */
function viewerServer(dir: string, port: number, settings: Record<string, string>, log?: string) {
  return {
    command: `rm -rf data/${dir} && mkdir -p data/${dir} && node scripts/serve.mjs -H 127.0.0.1 -p ${port}${log ? ` 2>&1 | tee ${log}` : ""}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    env: { ...env, SYNC_INTERVAL_SECONDS: "0", SYNC_TOKEN: "", ...settings },
  };
}

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
    ...JAPANESE_CHROMIUM,
  },
  projects: [
    // Signs in once as E2E_ADMIN and saves the session: every spec of "chromium" starts signed in.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: /signedOut\/|uploads\/|syncProgress\/|container\/|auth\.setup\.ts$/,
      use: { storageState: E2E_STORAGE_STATE },
    },
    // Specs about signing in start signed out (e2e/signedOut/).
    { name: "signed-out", testMatch: /signedOut\/.*\.spec\.ts$/ },
    // Large uploads, against the third server (each test signs in there itself).
    { name: "uploads", testMatch: /uploads\/.*\.spec\.ts$/, use: { baseURL: UPLOADS_URL } },
    // A sync followed live, against the viewer of its own simulated team (each test signs in there itself).
    { name: "sync-progress", testMatch: /syncProgress\/.*\.spec\.ts$/, use: { baseURL: PROGRESS_URL } },
  ],
  webServer: [
    {
      command: `rm -rf data/e2e && mkdir -p data/e2e && printf '%s' '${E2E_INTEGRATIONS_FILE}' > data/e2e/integrations.json && node scripts/serve.mjs -H 127.0.0.1 -p ${PORT} 2>&1 | tee ${E2E_SERVER_LOG}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        ...env,
        DATABASE_URL: "file:./data/e2e/e2e.db",
        SYNC_TOKEN: E2E_SYNC_TOKEN,
        METRICS_TOKEN: E2E_METRICS_TOKEN,
        // The browser reaches the server over loopback, as a local reverse proxy would: trusting
        // none lets e2e/admin.spec.ts show that a client's X-Forwarded-For is not believed.
        TRUSTED_PROXIES: "none",
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        INTEGRATIONS_FILE: "data/e2e/integrations.json",
        INTEGRATIONS_INTERVAL_SECONDS: "2",
        // Long enough that nothing of the demo expires: e2e/retention.spec.ts reads the policy on the overview.
        RETENTION_DAYS: "3650",
        ROLLUP_RETENTION_DAYS: "keep",
      },
    },
    viewerServer(
      "e2e-first",
      FIRST_START_PORT,
      { DATABASE_URL: "file:./data/e2e-first/first.db", DEMO_EVENTS: "100", ADMIN_EMAIL: "", ADMIN_PASSWORD: "" },
      FIRST_START_LOG,
    ),
    viewerServer("e2e-uploads", PORT + 2, {
      DATABASE_URL: "file:./data/e2e-uploads/uploads.db",
      DEMO_EVENTS: "100",
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      IMPORT_MAX_MB: String(E2E_IMPORT_MAX_MB),
    }),
    {
      command: `npx tsx scripts/simulator.ts --port ${PORT + 4} --events ${PROGRESS_EVENTS} --quota off --team-id ${PROGRESS_TEAM.id} --api-key ${PROGRESS_TEAM.apiKey}`,
      url: `${PROGRESS_SIMULATOR_URL}/__simulator/stats`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    viewerServer("e2e-progress", PORT + 5, {
      DATABASE_URL: "file:./data/e2e-progress/progress.db",
      PARSEC_API_KEY: PROGRESS_TEAM.apiKey,
      PARSEC_TEAM_ID: PROGRESS_TEAM.id,
      PARSEC_API_BASE_URL: PROGRESS_SIMULATOR_URL,
      PARSEC_PAGE_SIZE: String(PROGRESS_PAGE_SIZE),
      // Our own pacing, tight: a backfill of its pages pauses for the quota several times.
      PARSEC_RATE_LIMIT: PROGRESS_RATE_LIMIT,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
    }),
  ],
});
