import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { message, readBody, reply } from "./httpReply";
import { scenarioSchema } from "./scenarios";
import type { Simulator } from "./types";

/**
 * /__simulator/* lets scripts and the demo steer a running simulator from another process. It has
 * no authentication, so it answers only requests from the loopback interface.
 */

export const faultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("429"), retryAfterSeconds: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal("500") }),
  z.object({ kind: z.literal("502") }),
  z.object({ kind: z.literal("503") }),
  z.object({ kind: z.literal("slow"), ms: z.number().int().min(0).max(600_000) }),
  z.object({ kind: z.literal("malformed-body") }),
  z.object({ kind: z.literal("reset") }),
]);

const appendSchema = z.object({
  count: z.number().int().min(0).max(100_000),
  lateBySeconds: z.number().min(0).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export async function handleAdminRequest(sim: Simulator, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) return reply(res, 404, message("Not Found"), null);
  const route = `${req.method} ${path}`;
  try {
    switch (route) {
      case "GET /__simulator/stats":
        return reply(res, 200, JSON.stringify({ ...sim.stats, count: sim.count() }), null);
      case "POST /__simulator/append": {
        const body = appendSchema.parse(JSON.parse(await readBody(req, 1 << 20)));
        const events = sim.append({
          count: body.count,
          lateBySeconds: body.lateBySeconds,
          at: body.at ? new Date(body.at) : undefined,
        });
        return reply(res, 200, JSON.stringify({ added: events.length, count: sim.count(), events }), null);
      }
      case "POST /__simulator/faults": {
        const faults = z.array(faultSchema).parse(JSON.parse(await readBody(req, 1 << 20)));
        sim.injectFaults(faults);
        return reply(res, 200, JSON.stringify({ queued: faults.length }), null);
      }
      case "POST /__simulator/scenario": {
        const events = sim.injectScenario(scenarioSchema.parse(JSON.parse(await readBody(req, 1 << 16))));
        return reply(res, 200, JSON.stringify({ added: events.length, count: sim.count(), events }), null);
      }
      case "POST /__simulator/reset-quota":
        sim.resetQuota();
        return reply(res, 200, JSON.stringify({ ok: true }), null);
    }
  } catch (error) {
    const text = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    return reply(res, 400, message(text), null);
  }
  const known = ["/__simulator/stats", "/__simulator/append", "/__simulator/faults", "/__simulator/scenario", "/__simulator/reset-quota"];
  if (known.includes(path)) return reply(res, 405, message("Method Not Allowed"), null);
  return reply(res, 404, message("Not Found"), null);
}
