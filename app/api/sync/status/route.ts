import { readLiveSyncStatus } from "@/lib/sync/liveSyncStatus";
import { routeHandler } from "@/lib/routes/routeHandler";
import { authorizeRequest } from "@/lib/auth/authorizeRequest";

/**
 * The overview's sync state (the store, the last runs with a running one's progress, the next
 * scheduled run), which the overview polls while it is open: a signed-in admin only, never cached.
 */
export const GET = routeHandler({ authorize: authorizeRequest, run: () => readLiveSyncStatus() });
