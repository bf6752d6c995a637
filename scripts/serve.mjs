// Serves the production build exactly as `next start` does (same request handler, same flags:
// -p/--port, -H/--hostname, PORT), with one addition: every request carries the address of the
// TCP peer that sent it, in a header no client can forge, because this server overwrites it.
// `next start` only fills X-Forwarded-For from the socket when the client sent none, so without a
// proxy in front a client could name any address and dodge the per-address sign-in limit;
// lib/auth/requestContext.ts reads the peer address and believes X-Forwarded-For entries only as far
// as the proxies in TRUSTED_PROXIES vouch for them.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import path from "node:path";
import next from "next";
import { requestTimer, routeLabeller } from "../lib/metrics/metricsRegistry.mjs";

/** The header lib/auth/requestContext.ts reads (its test checks the two agree). */
const PEER_ADDRESS_HEADER = "x-parsec-peer-address";

process.env.NODE_ENV = "production";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  allowPositionals: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`serve: the port must be a whole number from 0 to 65535 (got ${JSON.stringify(values.port ?? process.env.PORT)})`);
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
  timeRequest(request, response);
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500).end();
  });
});
server.listen(port, hostname, () => {
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  console.log(`▲ Next.js production server (scripts/serve.mjs) listening on http://${hostname ?? "localhost"}:${boundPort}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Open keep-alive connections would hold close() back.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
