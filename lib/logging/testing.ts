import { configureLogging } from "./logger.mjs";

/**
 * Keeps the messages this process logs (at info and above) from now until `restore`, for a test
 * that checks what the server says; `onMessage` sees each as it comes.
 */
export function recordLogMessages(onMessage: (message: string) => void = () => undefined): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  configureLogging({
    level: "info",
    format: "json",
    redact: (line: string) => line,
    write: (line: string) => {
      const message = String((JSON.parse(line) as { msg?: unknown }).msg ?? "");
      messages.push(message);
      onMessage(message);
    },
  });
  return {
    messages,
    restore: () => configureLogging({ level: "info", format: "json", redact: (line: string) => line, write: (line: string) => process.stdout.write(line) }),
  };
}
