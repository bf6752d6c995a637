import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { handleAdminRequest } from "./adminEndpoint";
import { EventLog } from "./eventLog";
import { handleEventsRequest, type EventsContext } from "./eventsEndpoint";
import { FaultInjector } from "./faultInjector";
import { message, reply } from "./httpReply";
import { Prng } from "./prng";
import { QuotaLimiter } from "./quotaLimiter";
import { resolveOptions } from "./resolveOptions";
import { buildTeamModel } from "./teamModel";
import type { Simulator, SimulatorOptions, SimulatorStats } from "./types";

/**
 * Starts a simulated Parsec Teams API on a local port: generates the history, then serves the
 * documented events endpoints (v1 and v2) and the /__simulator admin endpoints.
 */

const EVENTS_PATH = /^\/(v1|v2)\/teams\/([^/]+)\/events$/;
const STREAM_LATENCY = 7;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const endUs = resolved.endAt.getTime() * 1000;
  const model = buildTeamModel({
    seed: resolved.seed,
    teamId: resolved.teamId,
    users: resolved.users,
    hosts: resolved.hosts,
    startUs: endUs - Math.round(resolved.days * 86_400_000) * 1000,
    endUs,
  });
  const log = new EventLog(model, resolved.events, resolved.malformedEvents);
  const stats: SimulatorStats = { requests: 0, quotaBlocks: 0, rejectedWhileBlocked: 0, byStatus: {} };
  const quota = new QuotaLimiter(resolved.quota, () => performance.now());
  const faults = new FaultInjector(resolved.seed);
  const now = () => Date.now() + resolved.clockOffsetMs;
  const timers = new Set<NodeJS.Timeout>();
  const latencyRng = new Prng(resolved.seed, STREAM_LATENCY);
  const { latencyMs } = resolved;
  const ctx: EventsContext = {
    log,
    now,
    latency: () => (latencyMs ? latencyMs.min + latencyRng.int(latencyMs.max - latencyMs.min + 1) : 0),
    options: resolved,
    stats,
    quota,
    faults,
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };

  const sim: Simulator = {
    url: "",
    teamId: resolved.teamId,
    apiKey: resolved.apiKey,
    apiKeyWithoutPermission: resolved.apiKeyWithoutPermission,
    stats,
    now,
    count: () => log.count(),
    groundTruth: () => log.groundTruth(),
    sessions: () => log.sessionTruth(),
    malformed: () => log.malformed(),
    append: ({ count, at, lateBySeconds = 0 }) => {
      if (!Number.isInteger(count) || count < 0) throw new RangeError("append: count must be a non-negative integer");
      const atMs = at ? at.getTime() : now();
      return log.append(count, Math.round((atMs - lateBySeconds * 1000) * 1000));
    },
    advanceLive: (at) => log.advanceLive((at ? at.getTime() : now()) * 1000),
    injectScenario: (request) => log.injectScenario(request, (request.at ? Date.parse(request.at) : now()) * 1000),
    injectFaults: (list) => faults.inject(list),
    setFaultRates: (rates) => faults.setRates(rates),
    resetQuota: () => quota.reset(),
    close: async () => {
      if (live) clearInterval(live);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const server = createServer((req, res) => {
    // Every answer carries the simulated clock, as Parsec's carry Parsec's.
    res.sendDate = false;
    res.setHeader("date", new Date(now()).toUTCString());
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) void reply(res, 500, message(`simulator error: ${String(error)}`), null);
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    const events = EVENTS_PATH.exec(url.pathname);
    if (events) {
      let teamId: string;
      try {
        teamId = decodeURIComponent(events[2] as string);
      } catch {
        return reply(res, 404, message("Not Found"), null);
      }
      return handleEventsRequest(ctx, req, res, events[1] as "v1" | "v2", teamId, url.searchParams);
    }
    if (url.pathname.startsWith("/__simulator/")) return handleAdminRequest(sim, req, res, url.pathname);
    return reply(res, 404, message("Not Found"), null);
  }

  // Demo mode: the team goes on working after the history (eventLog.ts advanceLive), and what has
  // happened by now is served: connections open at the end of the history close, new ones start.
  const live = resolved.liveAppendEveryMs ? setInterval(() => sim.advanceLive(), resolved.liveAppendEveryMs) : undefined;
  live?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;
  sim.url = `http://${host}:${address.port}`;
  return sim;
}

/** A valid key of the simulator's team without the Access Audit Log permission. */
export function keyWithoutAuditPermission(sim: Simulator): string {
  return sim.apiKeyWithoutPermission;
}
