import { z } from "zod";
import { VIEWER_ACTIONS, type ViewerAction } from "./viewerAudit";

export const AUDIT_PAGE_SIZE = 50;

const paramsSchema = z.object({
  action: z.enum(VIEWER_ACTIONS).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

/** /admin/audit's URL: `action` (one of VIEWER_ACTIONS) and `before` (keyset: an entry id). A bad value is ignored. */
export function parseAuditParams(params: Record<string, string | string[] | undefined>): { action?: ViewerAction; before?: number } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return paramsSchema.parse({ action: first(params.action), before: first(params.before) });
}
