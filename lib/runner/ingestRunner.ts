// The ingest runner: the entry of the worker thread in which the server runs its write path
// (lib/runner/ingestRunnerHost.ts starts it). Its own event loop and its own database connection
// keep the sync's and the imports' synchronous SQLite work off the thread that serves pages.
import { parentPort, threadId, workerData } from "node:worker_threads";
import { z } from "zod";
import { releaseLeasesOfThisProcess } from "../ingest/syncLock";
import { releaseDeliveryLeasesOfThisProcess } from "../integrations/delivery/deliveryLease";
import { captureConsole, logger } from "../logging/logger.mjs";
import { startLogging } from "../logging/startLogging";
import { getStore } from "../store/store";
import { yieldCpuToPages } from "./backgroundPriority";
import { runnerCommandSchema, type RunnerReply } from "./runnerProtocol";
import { createRunnerTasks } from "./runnerTasks";

const startOptions = z.object({ services: z.boolean() }).parse(workerData);

yieldCpuToPages();
const port = parentPort;
if (!port) throw new Error("lib/runner/ingestRunner.ts runs as a worker thread (see ingestRunnerHost.ts), not on its own.");

const post = (message: RunnerReply) => port.postMessage(message);
// This thread's lines go to the main thread's logger, which writes them in order with its own.
startLogging({ write: (line) => post({ type: "log", line }) });
const log = logger("runner");
captureConsole(log);
const tasks = createRunnerTasks();

// A runner before this one in this process died mid-run (or was terminated): its lease names this
// process, which runs on, so nobody else would free it before it expired. A process has one
// runner at a time, and the one before has exited by now (the host starts this one after that).
// No command starts before this is done, or its own lease would be the one freed.
const takenOver = (async () => {
  const store = await getStore();
  if ((await releaseLeasesOfThisProcess(store.db)) > 0) logger("sync").info("took over the lease of the ingest runner that stopped");
  const deliveries = await releaseDeliveryLeasesOfThisProcess(store.sqlite);
  if (deliveries > 0) logger("integrations").info({ leases: deliveries }, `took over ${deliveries} delivery lease(s) of the ingest runner that stopped`);
})();

port.on("message", (raw: unknown) => {
  const command = runnerCommandSchema.safeParse(raw);
  if (!command.success) {
    log.error(`ignored a message of an unknown shape: ${command.error.message}`);
    return;
  }
  const { data } = command;
  if (data.type === "stop") void takenOver.then(() => tasks.stop()).finally(() => process.exit(0));
  else void takenOver.then(() => tasks.handle(data, post));
});

await takenOver;
post({ type: "ready", threadId });
if (startOptions.services) await tasks.startServices();
