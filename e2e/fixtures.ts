import { test as base, expect, type ConsoleMessage } from "@playwright/test";

export { expect };
export type { APIResponse, Locator, Page } from "@playwright/test";

/** Declares, for this test only, console errors it causes on purpose (e.g. a 4xx the browser logs). */
export type AllowConsoleErrors = (...patterns: RegExp[]) => void;

/**
 * Every spec imports `test` from here: it fails a test whose pages logged a console error, threw an
 * uncaught error, or warned about hydration (React's hydration mismatch is a recoverable error in
 * production: the page still works, so only the console tells). Listening on the test's browser
 * context covers every page it opens. A test that causes an error on purpose says which, narrowly,
 * with `allowConsoleErrors(/pattern/)`; nothing is allowed for all tests.
 */
export const test = base.extend<{ allowConsoleErrors: AllowConsoleErrors }>({
  allowConsoleErrors: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      context.on("console", (message) => {
        if (isProblem(message)) problems.push(`console.${message.type()}: ${message.text()} (at ${message.location().url || "unknown"})`);
      });
      context.on("weberror", (webError) => {
        const error = webError.error();
        problems.push(`page error: ${error.name}: ${error.message} (on ${webError.page()?.url() ?? "unknown"})`);
      });
      await use((...patterns) => allowed.push(...patterns));
      const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
      expect(unexpected, "the pages logged no console error, page error or hydration warning").toEqual([]);
    },
    { auto: true },
  ],
});

function isProblem(message: ConsoleMessage): boolean {
  const type = message.type();
  return type === "error" || ((type === "warning" || type === "log") && /hydrat/i.test(message.text()));
}
