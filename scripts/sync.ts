// npm run sync [-- --full]: one sync run, the same code path as the server's background sync.
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { stopDemoParsecApi } from "@/lib/demo/demoParsecApi";
import { describeProgress } from "@/lib/sync/describeProgress";
import { runConfiguredSync } from "@/lib/sync/runConfiguredSync";
import { SyncFailedError } from "@/lib/sync/syncTeamEvents";
import { progressReporter, runCli, UsageError } from "./runCli";

runCli(
  "sync",
  async () => {
    const { values } = (() => {
      try {
        return parseArgs({ options: { full: { type: "boolean", default: false } }, strict: true });
      } catch (error) {
        throw new UsageError(`${(error as Error).message}. Usage: npm run sync [-- --full]`);
      }
    })();
    const config = getConfig();
    if (config.demo) console.error("sync: demo mode (no PARSEC_API_KEY/PARSEC_TEAM_ID): syncing from the built-in simulated Parsec API");
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    process.once("SIGTERM", () => stop.abort());
    const progress = progressReporter();
    try {
      const result = await runConfiguredSync({
        trigger: "cli",
        full: values.full,
        signal: stop.signal,
        onProgress: (p) => progress.update(`sync: ${describeProgress(p)}`),
      });
      progress.done();
      console.error(
        `sync: run ${result.runId} done (${result.passes.join(" + ")}): ${result.pages} pages, ${result.received} events fetched, ` +
          `${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.quarantined} quarantined`,
      );
      return 0;
    } catch (error) {
      progress.done();
      if (error instanceof SyncFailedError) {
        console.error(
          `sync: run ${error.runId} failed after ${error.totals.pages} pages (${error.totals.inserted} new events kept; ` +
            `the next run resumes from there): ${error.message}`,
        );
        return 1;
      }
      throw error;
    } finally {
      await stopDemoParsecApi();
    }
  },
  { background: true },
);
