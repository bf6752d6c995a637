import type { PlaywrightTestOptions, PlaywrightWorkerOptions } from "@playwright/test";

/**
 * The browser every config drives (playwright.config.ts, e2e/container/): Debian's Chromium, a
 * Japanese browser in Japan. The server renders in its own locale and zone, and any text it lays
 * out differently from the browser is a hydration mismatch (e2e/fixtures.ts).
 */
export const JAPANESE_CHROMIUM: Pick<PlaywrightTestOptions, "locale" | "timezoneId"> & Pick<PlaywrightWorkerOptions, "launchOptions"> = {
  locale: "ja-JP",
  timezoneId: "Asia/Tokyo",
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // Without these Chromium keeps trying to reach outside hosts, which this network refuses.
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--no-sandbox"],
  },
};
