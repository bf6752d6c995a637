import { describe, expect, it } from "vitest";
import { BUILT_IN_RULES } from "../../alertRules/builtInRules";
import type { RuleInput } from "../../alertRules/ruleSchema";
import { seedEvents } from "../../ingest/testing";
import { deliverPending } from "../../integrations/delivery/deliverPending";
import { destinationsOf, eventSeries, startReceiver, useDatabaseAndReceiver } from "../../integrations/testing";
import { readIntegrationState, setIntegrationPaused, startIntegrationReplay } from "../../store/integrationLedger";
import { saveChannel, saveRule } from "../catalog/alertCatalog";
import { evaluateSyncHealth } from "./syncHealth";

/**
 * The "destination lagging" sync-health condition over real deliveries to a real local receiver:
 * it fires once a destination has been down (behind, or failing) for the rule's minutes, and not
 * while it keeps up.
 */

const MINUTE = 60_000;
const FAST = { retryDelaysMs: [] };
const fixture = useDatabaseAndReceiver();

async function enableRule(threshold = 30) {
  await saveChannel(fixture.database.db, { name: "ops", type: "webhook", url: "http://127.0.0.1:9/hook" }, null);
  const builtIn = BUILT_IN_RULES.find((rule) => rule.name === "Destination lagging")!;
  // Built in, off until an admin enables it.
  expect(builtIn).toMatchObject({ kind: "sync-health", condition: "destination-lagging" });
  expect(builtIn.enabled ?? false).toBe(false);
  await saveRule(fixture.database.db, { ...builtIn, threshold, enabled: true, channels: ["ops"] } as RuleInput, null);
}
const summaries = () =>
  fixture.database.sqlite.prepare(`SELECT "summary", "linkPath" FROM "Alert" ORDER BY "id"`).all() as { summary: string; linkPath: string }[];

describe("the destination-lagging condition", () => {
  it("stays quiet while the destination keeps up, fires once when it has been down for the threshold, and again after it recovered and went down again", async () => {
    await enableRule();
    const receiver = fixture.receiver;
    const destinations = destinationsOf([{ name: "hook", type: "http", url: receiver.url }]);
    const health = (at: number) => evaluateSyncHealth(fixture.database, at, destinations);
    seedEvents(fixture.database, eventSeries(20));
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 20 });
    // Caught up: however late it is evaluated, nothing lags.
    expect((await health(Date.now() + 120 * MINUTE)).fired).toEqual([]);

    // The destination goes down while events keep arriving.
    receiver.answer = () => ({ status: 503, body: "maintenance" });
    seedEvents(fixture.database, eventSeries(5, undefined, 20));
    const downAt = Date.now();
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "failed" });
    expect((await health(downAt + 10 * MINUTE)).fired).toEqual([]);
    expect((await health(downAt + 31 * MINUTE)).fired).toEqual(["Destination lagging"]);
    expect(summaries()).toEqual([
      {
        summary: expect.stringMatching(/^Destination lagging: hook is 3[01] minutes behind \(5 events waiting\), failing for 3[01] minutes: .*503.*\.$/),
        linkPath: "/integrations",
      },
    ]);
    // Still down at the next evaluations: one alert, not one per evaluation.
    expect((await health(downAt + 32 * MINUTE)).fired).toEqual([]);

    // Back up and caught up: the condition ends; down again, it fires again.
    receiver.answer = () => ({ status: 200 });
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "caught-up", delivered: 5 });
    expect(readIntegrationState(fixture.database.sqlite, "hook")?.failingSince).toBeNull();
    expect((await health(downAt + 40 * MINUTE)).fired).toEqual([]);
    receiver.answer = () => ({ status: 500 });
    seedEvents(fixture.database, eventSeries(1, undefined, 25));
    await deliverPending(fixture.database.sqlite, destinations, FAST);
    expect((await health(Date.now() + 45 * MINUTE)).fired).toEqual(["Destination lagging"]);
  });

  it("a replay failing for the threshold lags though nothing new is pending; a paused destination does not", async () => {
    await enableRule(15);
    const destinations = destinationsOf([{ name: "hook", type: "http", url: fixture.receiver.url }]);
    seedEvents(fixture.database, eventSeries(10));
    await deliverPending(fixture.database.sqlite, destinations, FAST);
    await startIntegrationReplay(fixture.database.sqlite, "hook", Date.UTC(2026, 0, 1));
    fixture.receiver.answer = () => "drop";
    const at = Date.now();
    expect((await deliverPending(fixture.database.sqlite, destinations, FAST))[0]).toMatchObject({ status: "failed" });
    await setIntegrationPaused(fixture.database.sqlite, "hook", true);
    expect((await evaluateSyncHealth(fixture.database, at + 20 * MINUTE, destinations)).fired).toEqual([]);
    await setIntegrationPaused(fixture.database.sqlite, "hook", false);
    expect((await evaluateSyncHealth(fixture.database, at + 20 * MINUTE, destinations)).fired).toEqual(["Destination lagging"]);
    expect(summaries()[0]!.summary).toMatch(/^Destination lagging: hook is failing for (19|20) minutes: /);
  });

  it("a destination that is only slow, never failing, lags once its oldest waiting event is older than the threshold", async () => {
    await enableRule(30);
    const closed = await startReceiver();
    await closed.close();
    // Never delivered at all (no round ran): nothing failed, but the events wait.
    const destinations = destinationsOf([{ name: "idle", type: "http", url: closed.url }]);
    seedEvents(fixture.database, eventSeries(3));
    const at = Date.now();
    expect((await evaluateSyncHealth(fixture.database, at + 29 * MINUTE, destinations)).fired).toEqual([]);
    expect((await evaluateSyncHealth(fixture.database, at + 31 * MINUTE, destinations)).fired).toEqual(["Destination lagging"]);
    expect(summaries()[0]!.summary).toMatch(/^Destination lagging: idle is 3[01] minutes behind \(3 events waiting\)\.$/);
  });
});
