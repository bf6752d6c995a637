// The server's one logger: JSON lines (pino) on standard output, or a human form for a terminal.
// Plain JavaScript, so that scripts/serve.mjs (run by Node itself, before Next.js has loaded any of
// lib/) and the bundled server share it: its state lives on globalThis, so every copy of this
// module in the process (serve.mjs's, the bundle's) writes through the same logger with the same
// settings, and a request's id (set by serve.mjs) reaches the lines logged while it is answered.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { format, stripVTControlCharacters } from "node:util";
import pino from "pino";
import { prettyFactory } from "pino-pretty";

const KEY = Symbol.for("parsec-viewer.logging");

/** The levels LOG_LEVEL takes, least severe first (pino's own). */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];
export const LOG_FORMATS = ["json", "pretty"];

function state() {
  let current = globalThis[KEY];
  if (!current) {
    current = {
      format: "json",
      redact: (line) => line,
      /** Where a finished line goes; the ingest runner's thread hands its lines to the main thread instead. */
      write: (line) => process.stdout.write(line),
      pretty: null,
      /** Lines waiting for the settings (holdUntilConfigured), or null once they are known. */
      held: null,
      requests: new AsyncLocalStorage(),
      children: new Map(),
      root: null,
    };
    current.root = pino(
      {
        level: "info",
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const requestId = current.requests.getStore();
          return requestId === undefined ? {} : { requestId };
        },
      },
      { write: (line) => writeLogLine(line) },
    );
    globalThis[KEY] = current;
  }
  return current;
}

/**
 * Writes one finished JSON line: its secrets replaced, then as it is or in the human form. Also the
 * way in for the lines the ingest runner's thread sends to the main thread.
 */
export function writeLogLine(line) {
  const current = state();
  if (current.held) {
    current.held.push(line);
    if (current.held.length >= MAX_HELD_LINES) releaseHeld(current);
    return;
  }
  const safe = current.redact(line);
  current.write(current.format === "pretty" ? current.pretty(safe) : safe.endsWith("\n") ? safe : `${safe}\n`);
}

/**
 * Applies the settings (lib/config.ts read them): the level, the format, what to redact, and for a
 * worker thread where its lines go. Loggers handed out before keep working with the new settings.
 */
export function configureLogging({ level, format, redact, write }) {
  const current = state();
  current.format = format;
  current.redact = redact;
  if (write) current.write = write;
  if (format === "pretty")
    current.pretty ??= prettyFactory({
      colorize: Boolean(process.stdout.isTTY),
      translateTime: "UTC:yyyy-mm-dd HH:MM:ss.l'Z'",
      ignore: "component",
      messageFormat: "{if component}[{component}] {end}{msg}",
    });
  current.root.level = level;
  for (const child of current.children.values()) child.level = level;
  releaseHeld(current);
}

/** Past this many, held lines go out with the settings of the moment rather than pile up. */
const MAX_HELD_LINES = 1_000;

/**
 * Holds this process's lines until configureLogging has run, then writes them with its format and
 * its redaction: scripts/serve.mjs logs (and Next.js prints) before the server has read the
 * configuration, and those lines would otherwise be JSON under LOG_FORMAT=pretty, with no secret
 * known to redact. A process that exits first writes them as they are.
 */
export function holdUntilConfigured() {
  const current = state();
  if (current.held) return;
  current.held = [];
  process.once("exit", () => releaseHeld(current));
}

function releaseHeld(current) {
  const held = current.held;
  current.held = null;
  for (const line of held ?? []) writeLogLine(line);
}

/** The process's logger; with a component ("sync", "runner"), a child whose lines name it. */
export function logger(component) {
  const current = state();
  if (component === undefined) return current.root;
  let child = current.children.get(component);
  if (!child) {
    child = current.root.child({ component });
    current.children.set(component, child);
  }
  return child;
}

/**
 * Lines for a person reading the console or `docker logs` (the first start's one-time password),
 * written as plain text whatever the format: a JSON field would bury them, and the tests and the
 * README read them as they are.
 */
export function printBanner(lines) {
  const current = state();
  for (const line of lines) current.write(`${line}\n`);
}

/** A client's X-Request-Id we keep: short, and only characters that need no escaping anywhere. */
const REQUEST_ID = /^[A-Za-z0-9._:@=+/-]{1,128}$/;

/** The request's id: the client's or its proxy's X-Request-Id when well-formed, else a new one. */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `work` with `requestId` on every line logged while it runs, however deep in the app. */
export function withRequestId(requestId, work) {
  return state().requests.run(requestId, work);
}

/** The logger's level for each console method. */
const CONSOLE_LEVELS = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug" };

/**
 * What a library prints on the console (Next.js's own lines, such as its config's load time)
 * becomes a line of the log at the method's level, so that standard output stays one record a line
 * (without the colours Next.js gives its lines).
 */
export function captureConsole(log) {
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) console[method] = (...args) => log[level](stripVTControlCharacters(format(...args)).trim());
}
