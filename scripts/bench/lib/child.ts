// Benchmarked work runs in child processes of its own (`node --import tsx <script>`, so the pid is
// the process doing the work, not an npx or tsx launcher): it shares neither event loop nor RSS
// with the harness. Each child's RSS is sampled from /proc while it runs, and the preloaded
// reportUsage.mjs (plain JavaScript, so a bare `node` loads it too) reports its exact peak RSS
// and CPU time at exit.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const REPORT_USAGE = fileURLToPath(new URL("./reportUsage.mjs", import.meta.url));

export interface ProcessUsage {
  maxRssKb: number;
  userCpuMs: number;
  systemCpuMs: number;
  /** Epoch ms at the child's `exit` event. */
  exitedAtMs: number;
  /** Sampled process.memoryUsage(): peaks, and every figure at the highest RSS sampled. */
  memory: {
    peakHeapTotalKb: number;
    peakHeapUsedKb: number;
    peakExternalKb: number;
    peakArrayBuffersKb: number;
    atHighestSampledRss: Record<"rssKb" | "heapTotalKb" | "heapUsedKb" | "externalKb" | "arrayBuffersKb", number>;
  };
}

export interface RssSample {
  /** Ms since spawn. */
  atMs: number;
  rssKb: number;
}

export interface ChildResult {
  command: string;
  pid: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Epoch ms just before spawn (comparable with times the child records in the database). */
  startedAtMs: number;
  /** Spawn to exit. */
  wallMs: number;
  /** From the child itself at exit; null when it was killed or crashed before. */
  usage: ProcessUsage | null;
  /** usage.maxRssKb, else the highest VmHWM polled. */
  peakRssKb: number | null;
  samples: RssSample[];
  stdout: string;
  stderrTail: string[];
}

export interface StartOptions {
  /** Path relative to the repository root, or absolute. */
  script?: string;
  /** Instead of a script: code for `node -e`. */
  eval?: string;
  args?: string[];
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Without tsx: a bare `node` (for the idle reference). */
  noTsx?: boolean;
  env: NodeJS.ProcessEnv;
  /** SIGTERM after this long, SIGKILL 5 s later. */
  timeoutMs: number;
  sampleEveryMs?: number;
  onStderrLine?: (line: string) => void;
}

const MAX_STDOUT_CHARS = 1 << 20;
const STDERR_TAIL_LINES = 40;
const KILL_GRACE_MS = 5_000;
const running = new Set<NodeChild>();

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** A node child process under measurement. */
export class NodeChild {
  readonly done: Promise<ChildResult>;
  readonly pid: number;
  private readonly child: ChildProcess;
  private stdout = "";
  private readonly stdoutWaiters = new Set<() => void>();

  private constructor(options: StartOptions) {
    const usageDir = mkdtempSync(path.join(tmpdir(), "bench-usage-"));
    const usageFile = path.join(usageDir, "usage.json");
    const nodeArgs = [...(options.noTsx ? [] : ["--import", "tsx"]), "--import", REPORT_USAGE, ...(options.nodeArgs ?? [])];
    const target = options.eval !== undefined ? ["-e", options.eval] : [path.resolve(REPO_ROOT, options.script ?? "")];
    const argv = [...nodeArgs, ...target, ...(options.args ?? [])];
    const command = `node ${argv.map((a) => (/^[\w./:=@,+-]+$/.test(a) ? a : JSON.stringify(a))).join(" ")}`;
    const startedAtMs = Date.now();
    const started = performance.now();
    this.child = spawn(process.execPath, argv, {
      cwd: REPO_ROOT,
      env: { ...options.env, BENCH_USAGE_FILE: usageFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (this.child.pid === undefined) throw new Error(`could not start ${command}`);
    this.pid = this.child.pid;
    running.add(this);

    const samples: RssSample[] = [];
    let polledPeakKb: number | null = null;
    const sample = () => {
      const status = readProcStatus(this.pid);
      if (!status) return;
      samples.push({ atMs: Math.round(performance.now() - started), rssKb: status.rssKb });
      polledPeakKb = Math.max(polledPeakKb ?? 0, status.hwmKb);
    };
    sample();
    const sampler = setInterval(sample, options.sampleEveryMs ?? 100);

    const stderrTail: string[] = [];
    let stderrPartial = "";
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (stderrPartial + chunk).split(/\r?\n|\r/);
      stderrPartial = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "") continue;
        stderrTail.push(line);
        if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
        options.onStderrLine?.(line);
      }
    });
    this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      if (this.stdout.length < MAX_STDOUT_CHARS) this.stdout += chunk;
      for (const wake of this.stdoutWaiters) wake();
    });

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.kill();
    }, options.timeoutMs);

    this.done = new Promise<ChildResult>((resolve) => {
      this.child.once("close", (exitCode, signal) => {
        const wallMs = performance.now() - started;
        clearInterval(sampler);
        clearTimeout(timer);
        running.delete(this);
        if (stderrPartial) stderrTail.push(stderrPartial);
        let usage: ProcessUsage | null = null;
        try {
          usage = JSON.parse(readFileSync(usageFile, "utf8")) as ProcessUsage;
        } catch {
          // Killed or crashed before its exit handler ran.
        }
        rmSync(usageDir, { recursive: true, force: true });
        for (const wake of this.stdoutWaiters) wake();
        resolve({
          command,
          pid: this.pid,
          exitCode,
          signal,
          timedOut,
          startedAtMs,
          wallMs,
          usage,
          peakRssKb: usage?.maxRssKb ?? polledPeakKb,
          samples,
          stdout: this.stdout,
          stderrTail,
        });
      });
    });
  }

  static start(options: StartOptions): NodeChild {
    return new NodeChild(options);
  }

  /** Resolves once stdout satisfies `ready`; rejects if the child exits first or time runs out. */
  async waitForStdout<T>(ready: (stdout: string) => T | undefined, timeoutMs: number): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    let exited = false;
    void this.done.then(() => (exited = true));
    for (;;) {
      const value = ready(this.stdout);
      if (value !== undefined) return value;
      if (exited) throw new Error("the process exited before it was ready");
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`not ready after ${Math.round(timeoutMs / 1000)} s`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.stdoutWaiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1_000));
        this.stdoutWaiters.add(wake);
      });
    }
  }

  /** CPU time (user + system) used so far, from /proc; null once the process is gone. */
  cpuMs(): number | null {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, "utf8");
      // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
    } catch {
      return null;
    }
  }

  /** SIGTERM, then SIGKILL if it is still there after a grace period. */
  kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const force = setTimeout(() => {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    }, KILL_GRACE_MS);
    force.unref();
  }

  stop(): Promise<ChildResult> {
    this.kill();
    return this.done;
  }
}

/** Runs a child to its end. */
export function runNode(options: StartOptions): Promise<ChildResult> {
  return NodeChild.start(options).done;
}

/** Kills every child still running (the harness is being interrupted or failed). */
export function killAllChildren(): void {
  for (const child of running) child.kill();
}

function readProcStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (!rss || !hwm) return null;
    return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) };
  } catch {
    return null;
  }
}

/** The harness's environment without anything that configures the app (the benchmark sets its own). */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(PARSEC_|SYNC_|DEMO_|DATABASE_URL$|BENCH_)/.test(key)) delete env[key];
  return { ...env, ...extra };
}
