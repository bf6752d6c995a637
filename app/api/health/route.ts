import { anyone, routeHandler } from "@/lib/routes/routeHandler";
import { checkHealth } from "@/lib/server/checkHealth";

/** For load balancers and uptime checks: the server is up and its database answers (503 when it does not). */
export const GET = routeHandler({ authorize: anyone, run: checkHealth });
