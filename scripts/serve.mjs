// Serves the production build exactly as `next start` does (same request handler, same flags:
// -p/--port, -H/--hostname, PORT), with one addition: every request carries the address of the
// TCP peer that sent it, in a header no client can forge, because this server overwrites it.
// `next start` only fills X-Forwarded-For from the socket when the client sent none, so without a
// proxy in front a client could name any address and dodge the per-address sign-in limit;
// lib/auth/requestContext.ts reads the peer address and believes X-Forwarded-For entries only as far
// as the proxies in TRUSTED_PROXIES vouch for them. It also gives every request an id (the
// client's X-Request-Id when well-formed), echoed on the answer and on every log line logged while
// answering it, and stops gracefully at SIGTERM (lib/server/shutdown.ts).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import path from "node:path";
import next from "next";
import { captureConsole, holdUntilConfigured, logger, requestIdFrom, withRequestId } from "../lib/logging/logger.mjs";
import { requestTimer, routeLabeller } from "../lib/metrics/metricsRegistry.mjs";

/** The header lib/auth/requestContext.ts reads (its test checks the two agree). */
const PEER_ADDRESS_HEADER = "x-parsec-peer-address";
const REQUEST_ID_HEADER = "x-request-id";
// Until lib/server/startServer.ts has read the configuration (in app.prepare()), lines wait for
// its format and its secrets to redact.
holdUntilConfigured();
const log = logger("http");
// Next.js and the libraries print on the console: those lines become records of the log too.
captureConsole(logger("console"));

process.env.NODE_ENV = "production";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  allowPositionals: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  log.fatal(`the port must be a whole number from 0 to 65535 (got ${JSON.stringify(values.port ?? process.env.PORT)})`);
  process.exit(2);
}
const hostname = values.hostname;

// In the container image this runs inside .next/standalone, which holds the build's configuration
// but not next.config.mjs nor what loading it needs: hand the configuration over as Next.js's own
// standalone server.js does.
if (process.env.NEXT_STANDALONE === "1") {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(".next/required-server-files.json", "utf8")).config);
}

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
// /metrics reports every answer's time by route (lib/metrics/metricsRegistry.mjs).
const timeRequest = requestTimer(routeLabeller(path.join(process.cwd(), ".next")));

const server = createServer((request, response) => {
  // Node lower-cases header names, so this replaces any spelling a client sent.
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
  const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
  request.headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  withRequestId(requestId, () => {
    timeRequest(request, response);
    logAnswer(request, response);
    handle(request, response).catch((error) => {
      log.error({ err: error }, `${request.method} ${pathOf(request)} failed`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
});
server.listen(port, hostname, () => {
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  log.info(`Next.js production server (scripts/serve.mjs) listening on http://${hostname ?? "localhost"}:${boundPort}`);
});

/** The path without its query, which may carry filter values (emails, addresses). */
function pathOf(request) {
  return (request.url ?? "/").split("?")[0];
}

/** Every answer as a debug line (LOG_LEVEL=debug gives an access log); logged inside the request's scope, so with its id. */
function logAnswer(request, response) {
  const started = process.hrtime.bigint();
  response.once("finish", () => {
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    log.debug(
      { method: request.method, path: pathOf(request), status: response.statusCode, ms },
      `${request.method} ${pathOf(request)} ${response.statusCode} ${ms} ms`,
    );
  });
}

/** What lib/server/startServer.ts leaves for the shutdown (lib/server/shutdown.ts), which exits the process. */
const STOP_APP = Symbol.for("parsec-viewer.stop");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    const closeHttp = () => {
      const closed = new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Open keep-alive connections would hold close() back; those answering a request finish it.
      server.closeIdleConnections();
      return closed;
    };
    const shutDown = globalThis[STOP_APP];
    if (shutDown) void shutDown(signal, closeHttp);
    else void closeHttp().finally(() => process.exit(0));
  });
}
