import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventLog } from "./eventLog";
import { parseEventsQuery } from "./eventsQuery";
import type { FaultInjector } from "./faultInjector";
import { findPage } from "./findPage";
import { acceptsGzip, message, reply, type ReplyOptions } from "./httpReply";
import type { QuotaLimiter } from "./quotaLimiter";
import type { ResolvedOptions } from "./resolveOptions";
import type { SimulatorStats } from "./types";

/**
 * GET /v{1,2}/teams/{teamID}/events. Checks run in the order a gateway in front of the API would
 * plausibly apply them: injected faults (infrastructure, before the API), method, authentication,
 * the rate limit (per known key, so bad requests count too), team, permission, query.
 */

export interface EventsContext {
  log: EventLog;
  options: ResolvedOptions;
  stats: SimulatorStats;
  quota: QuotaLimiter;
  faults: FaultInjector;
  /** The simulated clock (epoch ms). */
  now(): number;
  /** One leg's network delay, ms (0 without simulated latency). */
  latency(): number;
  sleep(ms: number): Promise<void>;
}

const BAD_GATEWAY_HTML =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

export async function handleEventsRequest(
  ctx: EventsContext,
  req: IncomingMessage,
  res: ServerResponse,
  version: "v1" | "v2",
  pathTeamId: string,
  params: URLSearchParams,
): Promise<void> {
  const { options, stats } = ctx;
  // On the way in: the request reaches the API (and its quota) this much after it was sent.
  const uplink = ctx.latency();
  if (uplink > 0) await ctx.sleep(uplink);
  stats.requests++;
  const base: ReplyOptions = { gzip: version === "v2" && acceptsGzip(req) };
  const send = async (status: number, body: string, extra: ReplyOptions = {}): Promise<void> => {
    // Dated when the API answers, before the answer travels back.
    if (!res.headersSent) res.setHeader("date", new Date(ctx.now()).toUTCString());
    const downlink = ctx.latency();
    if (downlink > 0) await ctx.sleep(downlink);
    return reply(res, status, body, stats, { ...base, ...extra });
  };

  const fault = ctx.faults.next();
  let truncate = false;
  switch (fault?.kind) {
    case "reset":
      stats.byStatus[0] = (stats.byStatus[0] ?? 0) + 1;
      req.socket.destroy();
      return;
    case "429": {
      const seconds = fault.retryAfterSeconds ?? (options.retryAfterHeader ? 1 : undefined);
      return send(429, message("Too Many Requests"), seconds === undefined ? {} : { headers: { "retry-after": String(seconds) } });
    }
    case "500":
      return send(500, message("Internal Server Error"));
    case "502":
      // What a load balancer says when the service behind it is down: not JSON.
      return send(502, BAD_GATEWAY_HTML, { contentType: "text/html" });
    case "503":
      return send(503, message("Service Unavailable"));
    case "slow":
      await ctx.sleep(fault.ms);
      break;
    case "malformed-body":
      truncate = true;
      break;
    case undefined:
      break;
  }
  const answer = (status: number, body: string, extra: ReplyOptions = {}): Promise<void> =>
    truncate ? send(200, body, { ...extra, truncate: true }) : send(status, body, extra);

  if (req.method !== "GET") return answer(405, message("Method Not Allowed"), { headers: { allow: "GET" } });

  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  const key = auth?.[1];
  const known = key === options.apiKey || key === options.apiKeyWithoutPermission;
  // Keys are opaque (the id after "tapi_" is the key's own): an unknown key is simply unauthorised.
  if (!key || !known) return answer(401, message("Unauthorized"));

  const decision = ctx.quota.check(`${key} ${version}`);
  if (!decision.allowed) {
    if (decision.startedBlock) stats.quotaBlocks++;
    else stats.rejectedWhileBlocked++;
    const headers: Record<string, string> = options.retryAfterHeader ? { "retry-after": String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) } : {};
    return answer(429, message("Too Many Requests"), { headers });
  }

  if (pathTeamId !== options.teamId) return answer(404, message("Team not found"));
  if (key !== options.apiKey) return answer(403, message("Forbidden: this API key lacks the Access Audit Log permission"));

  const parsed = parseEventsQuery(params);
  if (!parsed.ok) return answer(400, message(parsed.message));
  const page = findPage(ctx.log, parsed.request, options.order);
  if (page === "invalid cursor") return answer(400, message("invalid cursor"));

  const { log } = ctx;
  // One stringify of the whole page: much cheaper than joining a thousand strings.
  const data = page.positions.map((i) => log.render(i));
  const nextCursor = page.next >= 0 ? log.store.idAt(page.next) : "";
  return answer(200, JSON.stringify({ data, next_cursor: nextCursor }));
}
