import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { getConfig, isBundledByNext } from "../config";
import { logger, writeLogLine } from "../logging/logger.mjs";
import { reviveRunnerFailure, runnerReplySchema, type RunnerFailure, type RunnerReply, type RunnerRequest } from "./runnerProtocol";
import { createRunnerTasks, type RunnerTasks } from "./runnerTasks";

export { IngestRunnerStoppedError } from "./runnerProtocol";

type Work = DistributiveOmit<RunnerRequest, "id">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface IngestRunner {
  /** Asks the runner for work; resolves with its result (validated by the caller), rejects with the domain error it met. */
  request(work: Work, options?: { onStarted?: (runId: number) => void }): Promise<unknown>;
  /** The thread the write path runs in (0: the main thread). */
  threadId(): Promise<number>;
  /** Stops the runner cleanly: runs stop at their next page, the lease is released; a thread not done within `timeoutMs` is ended. */
  stop(timeoutMs?: number): Promise<void>;
}

interface Pending {
  resolve(result: unknown): void;
  reject(failure: RunnerFailure): void;
  onStarted?: (runId: number) => void;
}

/** The requests waiting for an answer, matched to the runner's replies by id. */
class PendingRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, Pending>();

  add(pending: Pending): number {
    const id = this.nextId++;
    this.waiting.set(id, pending);
    return id;
  }

  settle(reply: Exclude<RunnerReply, { type: "ready" | "log" }>): void {
    const pending = this.waiting.get(reply.id);
    if (!pending) return;
    if (reply.type === "started") return pending.onStarted?.(reply.runId);
    this.waiting.delete(reply.id);
    if (reply.type === "done") pending.resolve(reply.result);
    else pending.reject({ runnerError: reply.error });
  }

  failAll(message: string): void {
    for (const pending of this.waiting.values()) pending.reject(stopped(message));
    this.waiting.clear();
  }
}

const stopped = (message: string): RunnerFailure => ({ runnerError: { kind: "IngestRunnerStoppedError", message } });

const log = logger("runner");

const RESTART_DELAYS_MS = [1_000, 5_000, 30_000];
/** How long a stop waits by default for runs to reach a page boundary before the thread is terminated. */
const STOP_TIMEOUT_MS = 8_000;

/**
 * The write path in a worker thread of its own (lib/runner/ingestRunner.ts), with its own event
 * loop and database connection: its synchronous SQLite work (pages of events, stitching batches,
 * an upload's parse) then never holds up the main thread that serves pages. A runner that dies is
 * started again (after a pause that grows if it keeps dying), and the new one takes over the dead
 * one's lease and resumes the sync from its last committed page.
 */
class WorkerIngestRunner implements IngestRunner {
  private worker: Worker | null = null;
  private ready: Promise<number> | null = null;
  private readonly pending = new PendingRequests();
  private stopping = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly services: boolean) {}

  start(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnRunnerThread(this.services);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.on("message", (raw: unknown) => {
        const reply = runnerReplySchema.safeParse(raw);
        if (!reply.success) return log.error(`an answer of an unknown shape was ignored: ${reply.error.message}`);
        if (reply.data.type === "ready") {
          this.restarts = 0;
          resolve(reply.data.threadId);
        } else if (reply.data.type === "log") writeLogLine(reply.data.line);
        else this.pending.settle(reply.data);
      });
      worker.once("exit", () => reject(new Error("The ingest runner stopped before it was ready.")));
    });
    this.ready.catch(() => undefined);
    worker.on("error", (error) => log.error({ err: error }, "the ingest runner failed"));
    worker.once("exit", (code) => {
      this.worker = null;
      this.pending.failAll("The ingest runner stopped before the work was done; what it committed is kept. Try again.");
      if (this.stopping) return;
      const delay = RESTART_DELAYS_MS[Math.min(this.restarts++, RESTART_DELAYS_MS.length - 1)]!;
      log.error(`the ingest runner stopped (exit code ${code}); starting it again in ${delay / 1000} s`);
      this.restartTimer = setTimeout(() => this.start(), delay);
      this.restartTimer.unref();
    });
    // Neither the thread nor a pending restart keeps a process alive that has nothing else to do.
    worker.unref();
    return worker;
  }

  request(work: Work, options: { onStarted?: (runId: number) => void } = {}): Promise<unknown> {
    if (this.stopping) return Promise.reject(stopped("The server is stopping; try again once it has started."));
    const worker = this.start();
    return new Promise((resolve, reject) => {
      const id = this.pending.add({ resolve, reject, onStarted: options.onStarted });
      worker.postMessage({ ...work, id } satisfies RunnerRequest);
    });
  }

  threadId(): Promise<number> {
    this.start();
    return this.ready!;
  }

  /** Ends the thread at once, wherever it is, as a crash would: for the tests of what that leaves. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  async stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ type: "stop" });
    const timeout = setTimeout(() => {
      log.warn(`the ingest runner did not stop within ${timeoutMs / 1000} s: ending its thread (what it committed is kept)`);
      void worker.terminate();
    }, timeoutMs);
    await exited;
    clearTimeout(timeout);
  }
}

/**
 * Inside Next.js (its bundler compiled this module) the runner is the bundle Turbopack makes of
 * `new Worker(new URL(...))`: plain JavaScript, nothing to compile at run time. Elsewhere (vitest,
 * tsx scripts) the source runs, through tsx's loader, which a Node 20 worker does not inherit from
 * its parent: the thread registers it first. The source's path is not written as a
 * `new URL(literal, import.meta.url)`, which Turbopack would copy into the build as an asset.
 */
function spawnRunnerThread(services: boolean): Worker {
  const workerData = { services };
  if (isBundledByNext()) return new Worker(new URL("./ingestRunner.ts", import.meta.url), { workerData, name: "ingest runner" });
  const source = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), RUNNER_SOURCE)).href;
  return new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`, {
    eval: true,
    workerData,
    name: "ingest runner",
  });
}
const RUNNER_SOURCE = "ingestRunner.ts";

/**
 * The old design, kept for the benchmark's comparison only (INGEST_RUNNER=main-thread): the same
 * tasks on the thread that serves pages.
 */
class MainThreadIngestRunner implements IngestRunner {
  private readonly pending = new PendingRequests();
  private readonly tasks: RunnerTasks = createRunnerTasks();

  constructor(services: boolean) {
    if (services) void this.tasks.startServices();
  }

  request(work: Work, options: { onStarted?: (runId: number) => void } = {}): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.pending.add({ resolve, reject, onStarted: options.onStarted });
      this.tasks.handle({ ...work, id } as RunnerRequest, (reply) => {
        if (reply.type !== "ready" && reply.type !== "log") this.pending.settle(reply);
      });
    });
  }

  threadId(): Promise<number> {
    return Promise.resolve(0);
  }

  stop(): Promise<void> {
    return this.tasks.stop();
  }
}

const globalForRunner = globalThis as unknown as { parsecViewerIngestRunner?: IngestRunner };

/**
 * Starts this process's ingest runner with the server's background work (the connection rebuild,
 * the scheduler). One per process, shared by every bundle of the server (hence globalThis).
 */
export function startIngestRunner(): IngestRunner {
  globalForRunner.parsecViewerIngestRunner ??= createIngestRunner(true);
  return globalForRunner.parsecViewerIngestRunner;
}

/**
 * The runner that does the work the server is asked for; started (without the scheduler) if none
 * runs yet, as in a test. Its failures come back as this module copy's domain errors (see
 * RunnerFailure).
 */
export function getIngestRunner(): IngestRunner {
  const shared = (globalForRunner.parsecViewerIngestRunner ??= createIngestRunner(false));
  return {
    request: (work, options) =>
      shared.request(work, options).catch((failure: unknown) => {
        throw reviveRunnerFailure(failure);
      }),
    threadId: () => shared.threadId(),
    stop: (timeoutMs) => shared.stop(timeoutMs),
  };
}

/** Ends the runner's thread at once, wherever it is, as a crash would: for the tests of what that leaves. */
export async function terminateIngestRunnerThread(): Promise<void> {
  const shared = globalForRunner.parsecViewerIngestRunner;
  if (!(shared instanceof WorkerIngestRunner)) throw new Error("no ingest runner thread to terminate");
  await shared.terminate();
}

/** Stops this process's runner, if one runs: for a graceful shutdown and for tests. */
export async function stopIngestRunner(timeoutMs?: number): Promise<void> {
  const runner = globalForRunner.parsecViewerIngestRunner;
  globalForRunner.parsecViewerIngestRunner = undefined;
  await runner?.stop(timeoutMs);
}

function createIngestRunner(services: boolean): IngestRunner {
  if (getConfig().ingestRunner === "main-thread") return new MainThreadIngestRunner(services);
  const runner = new WorkerIngestRunner(services);
  runner.start();
  return runner;
}
