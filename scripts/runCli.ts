import { BackupRefusedError, DatabaseFileError } from "@/lib/backup/backups";
import { yieldCpuToPages } from "@/lib/runner/backgroundPriority";
import { ConfigError } from "@/lib/config";
import { FilterError } from "@/lib/events/eventFilters";
import { ImportFileError } from "@/lib/ingest/importEvents";
import { SyncAlreadyRunningError } from "@/lib/ingest/syncLock";
import { startLogging } from "@/lib/logging/startLogging";

/**
 * How a person types a command: `npm run backup --` in a checkout, `viewer-cli backup` inside the
 * container image, whose launcher (scripts/viewer-cli.ts) says so before it loads the command, so
 * that a usage message names what works where it was typed.
 */
let invocation = (command: string) => `npm run ${command} --`;

export function invokedThrough(launcher: string): void {
  invocation = (command) => `${launcher} ${command}`;
}

/** `Usage: <how this command is typed> <args>`. */
export function usage(command: string, args: string): string {
  return `Usage: ${invocation(command)} ${args}`;
}

/** Usage mistakes a person can fix from the message alone. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Runs a command-line entry point: its result decides the exit code, and a failure prints one
 * clear message (the stack only with DEBUG=1), never a crash dump. The command's own messages
 * (summaries, progress) are for the person who ran it; what the server's code logs on the way (a
 * failing alert pass, a delivery round of npm run forward) comes as the server's log lines.
 * `background`: the command works through the store beside a running server (sync, import,
 * forward), so it yields the CPU to the server's pages (lib/runner/backgroundPriority.ts).
 */
export function runCli(name: string, main: () => Promise<number | void>, { background = false } = {}): void {
  if (background) yieldCpuToPages();
  Promise.resolve()
    .then(() => startLogging())
    .then(main)
    .then(async (code) => {
      await flushed();
      process.exit(code ?? 0);
    })
    .catch(async (error: unknown) => {
      const expected =
        error instanceof ConfigError ||
        error instanceof UsageError ||
        error instanceof FilterError ||
        error instanceof ImportFileError ||
        error instanceof BackupRefusedError ||
        error instanceof DatabaseFileError;
      const message = error instanceof Error ? error.message : String(error);
      console.error(error instanceof ConfigError ? message : `${name}: ${message}`);
      if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      await flushed();
      process.exit(error instanceof SyncAlreadyRunningError ? 3 : expected ? 2 : 1);
    });
}

/**
 * Resolves once `streams` have handed the OS everything written to them. process.exit drops what a
 * stream still holds, and stdout to a reader slower than the command (a busy parent process, a
 * copy over the network) can still hold the last lines of an export when it is done.
 */
export function flushed(streams: readonly NodeJS.WritableStream[] = [process.stdout, process.stderr]): Promise<void> {
  return Promise.all(
    streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          const writable = stream as NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean };
          // A stream that is gone (a reader that closed the pipe) holds nothing more that can arrive.
          if (writable.destroyed || writable.writableEnded) return resolve();
          writable.write("", () => resolve());
        }),
    ),
  ).then(() => undefined);
}

/** A progress line on stderr, rewritten in place on a terminal and at most once a second. */
export function progressReporter(): { update(line: string): void; done(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  let shown = false;
  return {
    update(line) {
      const now = Date.now();
      if (now - last < 1_000) return;
      last = now;
      shown = true;
      process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    done() {
      if (tty && shown) process.stderr.write("\n");
    },
  };
}
