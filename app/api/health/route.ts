import { routeHandler } from "@/lib/routes/routeHandler";
import { adminForRequest } from "@/lib/auth/currentAdmin";
import { checkHealthWithDetail } from "@/lib/server/checkHealth";

/**
 * For load balancers and uptime checks: the server is up and its database answers (503 when it
 * does not). Open to all; a signed-in admin also gets each integration's lag.
 */
export const GET = routeHandler({
  authorize: async (request) => {
    const admin = await adminForRequest(request);
    return { admin: admin !== null && !admin.mustChangePassword };
  },
  run: (_input, { caller }) => checkHealthWithDetail(caller.admin),
});
