import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEventRow } from "../../events/eventRow";
import { SCENARIOS, startSimulator, type Simulator } from "./index";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ events: 500, quota: null, endAt: new Date("2026-06-01T00:00:00Z") });
});
afterAll(() => sim.close());

async function served(ids: string[]): Promise<Record<string, unknown>[]> {
  const answer = await fetch(`${sim.url}/v1/teams/${sim.teamId}/events?limit=1000&start_at=2026-06-10T00:00:00Z`, {
    headers: { authorization: `Bearer ${sim.apiKey}` },
  });
  const body = (await answer.json()) as { data: Record<string, unknown>[] };
  return body.data.filter((e) => ids.includes(e.id as string));
}

describe("scenarios", () => {
  it("each injects valid events at the time asked for, which the events endpoint then serves", async () => {
    const at = "2026-06-10T18:30:00.000Z";
    for (const scenario of SCENARIOS) {
      const events = sim.injectScenario({ scenario, at });
      expect(events.length, scenario).toBeGreaterThan(0);
      for (const event of events) expect(toEventRow(event).ok, `${scenario}: ${JSON.stringify(event)}`).toBe(true);
      expect(Math.max(...events.map((e) => Date.parse(e.timestamp as string)))).toBeLessThanOrEqual(Date.parse(at));
      expect(await served(events.map((e) => e.id as string))).toEqual(expect.arrayContaining(events));
    }
  });

  it("a burst is that many failed connections to one computer; a new address is one never used", async () => {
    const burst = sim.injectScenario({ scenario: "failure-burst", count: 7, at: "2026-06-11T10:00:00Z" });
    const completes = burst.filter((e) => e.name === "p2p_client_complete");
    expect(completes).toHaveLength(7);
    expect(new Set(completes.map((e) => (e.data as { host_computer_name: string }).host_computer_name)).size).toBe(1);
    expect(completes.every((e) => (e.data as { exit_code: number }).exit_code < 0)).toBe(true);
    const [offer] = sim.injectScenario({ scenario: "new-ip", at: "2026-06-11T11:00:00Z" });
    const ip = (offer!.data as { ip: string }).ip;
    expect([...sim.groundTruth()].filter((e) => (e.data as { ip?: string }).ip === ip && e.id !== offer!.id && e.name === "conn_client_offer")).toEqual([]);
  });

  it("the admin endpoint takes a scenario and refuses an unknown one", async () => {
    const ok = await fetch(`${sim.url}/__simulator/scenario`, { method: "POST", body: JSON.stringify({ scenario: "role-change" }) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { added: number }).added).toBe(1);
    const bad = await fetch(`${sim.url}/__simulator/scenario`, { method: "POST", body: JSON.stringify({ scenario: "meteor-strike" }) });
    expect(bad.status).toBe(400);
  });
});
