import { anyone, routeHandler } from "@/lib/routes/routeHandler";
import { checkReadiness } from "@/lib/server/checkReadiness";

/** For an orchestrator's readiness probe: 200 when the viewer can serve, 503 (with which check failed) when it cannot. */
export const GET = routeHandler({
  authorize: anyone,
  run: async () => {
    const readiness = await checkReadiness();
    return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503 });
  },
});
