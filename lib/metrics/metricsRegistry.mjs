// Plain JavaScript, so that scripts/serve.mjs (run by Node itself, before Next.js has loaded any of
// lib/) and the /metrics route (bundled by Next.js) share it: one registry per process, on
// globalThis, holding the request timings serve.mjs takes and the store's metrics the route reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

const KEY = Symbol.for("parsec-viewer.metrics");

export function metricsRegistry() {
  let registry = globalThis[KEY];
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "parsec_viewer_" });
    globalThis[KEY] = registry;
  }
  return registry;
}

/** A metric registered once per registry, however often its module is evaluated (hot reload, tests). */
export function registeredOnce(name, create) {
  const registry = metricsRegistry();
  return registry.getSingleMetric(name) ?? create(registry);
}

/**
 * The route a path belongs to, as the build names it ("/hosts/[hostName]"), read from the build's
 * routes manifest: a label per page or route, never one per host name or attempt id. Paths of no
 * route (a 404, a probe for /wp-login.php) all count as "unmatched".
 */
export function routeLabeller(buildDir) {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, "routes-manifest.json"), "utf8"));
  const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => ({
    page: route.page,
    regex: new RegExp(route.regex),
  }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next";
    for (const route of routes) if (route.regex.test(pathname)) return route.page;
    return "unmatched";
  };
}

/** Times every request from its arrival to the end of its answer, by method, route and status. */
export function requestTimer(labelOf) {
  const duration = registeredOnce(
    "parsec_viewer_http_request_duration_seconds",
    (registry) =>
      new Histogram({
        name: "parsec_viewer_http_request_duration_seconds",
        help: "Time from a request's arrival to the end of its answer, by method, route and status.",
        labelNames: ["method", "route", "status"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
  );
  return (request, response) => {
    const started = process.hrtime.bigint();
    const pathname = (request.url ?? "/").split("?")[0];
    response.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: request.method ?? "GET", route: labelOf(pathname), status: String(response.statusCode) }, seconds);
    });
  };
}
