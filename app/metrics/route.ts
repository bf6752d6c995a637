import { authorizeMetricsRequest } from "@/lib/auth/authorizeMetricsRequest";
import { renderMetrics } from "@/lib/metrics/storeMetrics";
import { routeHandler } from "@/lib/routes/routeHandler";

/** Prometheus' text format, for a scraper with the METRICS_TOKEN bearer (404 while it is unset). */
export const GET = routeHandler({
  authorize: authorizeMetricsRequest,
  run: async () => {
    const { body, contentType } = await renderMetrics();
    return new Response(body, { headers: { "content-type": contentType } });
  },
});
