import { getConfig } from "../config";
import { problemResponse } from "../http/problemResponse";
import { bearerToken, constantTimeEqual } from "./constantTimeEqual";

/**
 * Who may scrape /metrics: Prometheus with the METRICS_TOKEN bearer, compared in constant time.
 * Without METRICS_TOKEN the endpoint is off for everyone, a signed-in admin too: the metrics name
 * no person, but they say how busy the team is, which is nobody's business but the operator's.
 */
export async function authorizeMetricsRequest(request: Request): Promise<"metrics-token" | Response> {
  const token = getConfig().metricsToken;
  if (!token) return problemResponse(404, "Metrics are off: set METRICS_TOKEN on the server to turn /metrics on.");
  return constantTimeEqual(bearerToken(request.headers.get("authorization")), token)
    ? "metrics-token"
    : problemResponse(401, "Missing or wrong token: send Authorization: Bearer <METRICS_TOKEN>.", undefined, { "www-authenticate": "Bearer" });
}
