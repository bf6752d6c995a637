import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { openPlainDatabase } from "../lib/store/testing";

/**
 * A production server of the build (`node scripts/serve.mjs`, as `npm start` and the image run it)
 * in a process of its own, on a database of its own, for the specs that signal it or read its
 * standard output: the webServer entries of playwright.config.ts can do neither.
 */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every line of its standard output and error so far. */
  lines(): string[];
  /** Resolves with the first line (past or to come) that matches; rejects on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** When it exited, and how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILL, if it is still running (after a failed test). */
  kill(): void;
}

/** The app's own variables are left out of what the server inherits: only `env` configures it. */
const APP_VARIABLE = /^(DATABASE_URL|PARSEC_|SYNC_|METRICS_|ADMIN_|SMTP_|OIDC_|INTEGRATIONS_|RETENTION_|BACKUP_|LOG_|SHUTDOWN_|DEMO_|ALERT_)/;

export async function startServerProcess(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !APP_VARIABLE.test(name)));
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.mjs", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...inherited, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = "";
    stream.setEncoding("utf8").on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
      for (const listener of listeners) listener();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => {
      resolve({ code, signal, at: Date.now() });
      for (const listener of listeners) listener();
    }),
  );
  const waitForLine = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => pattern.test(l));
        if (line !== undefined) return done(() => resolve(line));
        if (child.exitCode !== null || child.signalCode !== null)
          done(() => reject(new Error(`the server exited before a line matched ${pattern}:\n${lines.join("\n")}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no line matched ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });
  const server: ServerProcess = {
    child,
    url: `http://127.0.0.1:${port}`,
    lines: () => [...lines],
    waitForLine,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
  try {
    await waitForLine(/listening on http:/);
    for (;;) {
      const health = await fetch(`${server.url}/api/health`).catch(() => null);
      if (health?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    server.kill();
    throw error;
  }
  return server;
}

/** A directory of its own under data/, emptied. */
export function freshDataDir(name: string): string {
  const dir = path.join("data", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** One query against a server's SQLite file, read-only (the server keeps writing beside it). */
export function queryStore<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = openPlainDatabase(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
