import type { Logger } from "pino";

export type { Logger };
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";
export type LogFormat = "json" | "pretty";
export const LOG_LEVELS: readonly LogLevel[];
export const LOG_FORMATS: readonly LogFormat[];
export function writeLogLine(line: string): void;
export function configureLogging(settings: { level: LogLevel; format: LogFormat; redact: (line: string) => string; write?: (line: string) => void }): void;
export function logger(component?: string): Logger;
export function printBanner(lines: readonly string[]): void;
export function requestIdFrom(header: string | string[] | undefined | null): string;
export function withRequestId<T>(requestId: string, work: () => T): T;
export function captureConsole(log: Logger): void;
export function holdUntilConfigured(): void;
