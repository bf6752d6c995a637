import { configureLogging } from "./logger.mjs";

/** One logged line as written (JSON): its message, level, component and fields. */
export type LoggedLine = Record<string, unknown> & { msg?: string; level?: string };

/**
 * Keeps what this process logs (at info and above) from now until `restore`, for a test that
 * checks what the server says: each line's message, and the whole line; `onMessage` sees each
 * message as it comes.
 */
export function recordLogMessages(onMessage: (message: string) => void = () => undefined): { messages: string[]; lines: LoggedLine[]; restore(): void } {
  const messages: string[] = [];
  const lines: LoggedLine[] = [];
  configureLogging({
    level: "info",
    format: "json",
    redact: (line: string) => line,
    write: (line: string) => {
      const parsed = JSON.parse(line) as LoggedLine;
      const message = String(parsed.msg ?? "");
      lines.push(parsed);
      messages.push(message);
      onMessage(message);
    },
  });
  return {
    messages,
    lines,
    restore: () => configureLogging({ level: "info", format: "json", redact: (line: string) => line, write: (line: string) => process.stdout.write(line) }),
  };
}
