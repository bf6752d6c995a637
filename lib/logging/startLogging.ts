import { getConfig, type AppConfig } from "../config";
import { redactSecrets } from "../parsec/redactSecrets";
import { configureLogging } from "./logger.mjs";

/**
 * Sets this thread's logger up from the configuration: LOG_LEVEL, LOG_FORMAT, and the secrets no
 * line may carry, as they are and as they appear inside a JSON string.
 */
export function startLogging(options: { config?: AppConfig; write?: (line: string) => void } = {}): void {
  const { level, format, secrets } = (options.config ?? getConfig()).log;
  const forms = [...new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))];
  configureLogging({ level, format, redact: (line) => redactSecrets(line, forms), write: options.write });
}
