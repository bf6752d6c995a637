import type { Db } from "../store/client";
import { startSimulator, type ScenarioRequest, type Simulator } from "../parsec/simulator";

export interface ParsecEndpoint {
  baseUrl: string;
  apiKey: string;
  teamId: string;
}

const ANCHOR_KEY = "demo.historyEndsAt";
const globalForDemo = globalThis as unknown as { parsecViewerDemoApi?: Promise<Simulator> };

/**
 * Demo mode: with no Parsec credentials the app serves the built-in simulated Parsec API on
 * 127.0.0.1 and syncs from it, so a newcomer's first start shows a full viewer. The generated
 * history ends where it ended on the first start (kept in the database): every later start
 * serves the same events with the same ids, and the sync finds nothing to duplicate. New events
 * keep arriving while the app runs, as they would from a real team.
 */
export async function startDemoParsecApi(db: Db, options: { events: number; liveAppendEveryMs?: number }): Promise<ParsecEndpoint> {
  globalForDemo.parsecViewerDemoApi ??= (async () => {
    const stored = await db.appSetting.findUnique({ where: { key: ANCHOR_KEY } });
    const endAt = stored ? new Date(stored.value) : new Date();
    if (!stored) await db.appSetting.create({ data: { key: ANCHOR_KEY, value: endAt.toISOString() } });
    return startSimulator({ events: options.events, endAt, liveAppendEveryMs: options.liveAppendEveryMs });
  })();
  const simulator = await globalForDemo.parsecViewerDemoApi;
  return { baseUrl: simulator.url, apiKey: simulator.apiKey, teamId: simulator.teamId };
}

export async function stopDemoParsecApi(): Promise<void> {
  const running = globalForDemo.parsecViewerDemoApi;
  globalForDemo.parsecViewerDemoApi = undefined;
  if (running) await (await running).close();
}

/**
 * Demo mode: adds a scenario's events (an API key created, a burst of failures...) to the simulated
 * team, for the next sync to store and the alert rules to see. Null when no demo API is running.
 */
export async function injectDemoScenario(request: ScenarioRequest): Promise<number | null> {
  const running = globalForDemo.parsecViewerDemoApi;
  if (!running) return null;
  return (await running).injectScenario(request).length;
}
