import { Counter, Gauge } from "prom-client";
import { getConfig } from "../config";
import { countAllEvents } from "../events/countAllEvents";
import { integrationStatus, type IntegrationStatus } from "../integrations/status/integrationStatus";
import { getStore } from "../store/store";
import { metricsRegistry, registeredOnce } from "./metricsRegistry.mjs";

/**
 * What the store says, read at each scrape: the sync may run in another thread or process (npm run
 * sync, a replica), so its counts live in the database, not in this process's memory. Counters are
 * the store's totals, which only grow (runs and audit entries are never deleted).
 */
type Store = Awaited<ReturnType<typeof getStore>>;

interface StoreReading {
  events: number;
  quarantined: number;
  runsByStatus: Map<string, number>;
  pages: number;
  fetched: number;
  rateLimited: number;
  signInFailures: number;
  coveredUntil: Date | null;
  lastSuccessAt: Date | null;
  destinations: IntegrationStatus[];
}

async function readStore({ db, sqlite }: Store, now: Date): Promise<StoreReading> {
  const [events, quarantined, runs, totals, signInFailures, checkpoint, lastSuccess] = await Promise.all([
    countAllEvents(db),
    db.quarantinedEvent.count(),
    db.syncRun.groupBy({ by: ["status"], where: { kind: "sync" }, _count: { _all: true } }),
    db.syncRun.aggregate({ where: { kind: "sync" }, _sum: { pages: true, fetched: true, rateLimited: true } }),
    db.viewerAuditEntry.count({ where: { action: "sign_in_failed" } }),
    db.syncCheckpoint.findFirst({ orderBy: { updatedAt: "desc" }, select: { coveredUntil: true } }),
    db.syncRun.findFirst({ where: { kind: "sync", status: "succeeded" }, orderBy: { id: "desc" }, select: { finishedAt: true } }),
  ]);
  return {
    events,
    quarantined,
    runsByStatus: new Map(runs.map((run) => [run.status, run._count._all])),
    pages: totals._sum.pages ?? 0,
    fetched: totals._sum.fetched ?? 0,
    rateLimited: totals._sum.rateLimited ?? 0,
    signInFailures,
    coveredUntil: checkpoint?.coveredUntil ?? null,
    lastSuccessAt: lastSuccess?.finishedAt ?? null,
    destinations: integrationStatus(sqlite, getConfig().integrations.destinations, now.getTime()),
  };
}

const RUN_STATUSES = ["succeeded", "failed", "interrupted", "running"] as const;

/** Registers the store's metrics (once) and returns a function that reads the store for the next scrape. */
export function storeMetrics(): { refresh(now?: Date): Promise<void> } {
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    registeredOnce(name, (registry) => new Gauge({ name, help, labelNames, registers: [registry] }));
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    registeredOnce(name, (registry) => new Counter({ name, help, labelNames, registers: [registry] }));
  const events = gauge("parsec_viewer_events_stored", "Audit events in the store.");
  const quarantined = gauge("parsec_viewer_events_quarantined", "Events Parsec sent that failed validation, kept aside with their raw JSON.");
  const runs = counter("parsec_viewer_sync_runs_total", "Sync runs by outcome (running: started and not yet finished).", ["status"]);
  const pages = counter("parsec_viewer_parsec_pages_fetched_total", "Pages of events fetched from the Parsec API by every sync run.");
  const fetched = counter(
    "parsec_viewer_parsec_events_fetched_total",
    "Events received from the Parsec API by every sync run, re-reads of the overlap included.",
  );
  const rateLimited = counter(
    "parsec_viewer_parsec_rate_limited_total",
    "Answers of 429 from the Parsec API (the key's quota blocked) to every sync run, retried or not.",
  );
  const signInFailures = counter("parsec_viewer_sign_in_failures_total", "Failed sign-ins (wrong email or password, or refused by the limit).");
  const behind = gauge("parsec_viewer_sync_behind_seconds", "How far the stored history trails now: now minus the time up to which every event is stored.");
  const lastSuccess = gauge("parsec_viewer_sync_last_success_timestamp_seconds", "When the last successful sync run finished (Unix time).");
  const destinationPending = gauge(
    "parsec_viewer_destination_pending_events",
    "Events stored (or changed) that an integration's destination has not acknowledged yet.",
    ["destination", "type"],
  );
  const destinationBehind = gauge(
    "parsec_viewer_destination_behind_seconds",
    "How long the oldest event a destination has not acknowledged has been waiting (0 when caught up).",
    ["destination", "type"],
  );
  const destinationFailing = gauge("parsec_viewer_destination_failing", "1 while a destination's last delivery failed, else 0.", ["destination", "type"]);
  metricsRegistry(); // the default process metrics come with the registry
  return {
    async refresh(now = new Date()) {
      const reading = await readStore(await getStore(), now);
      events.set(reading.events);
      quarantined.set(reading.quarantined);
      runs.reset();
      for (const status of new Set([...RUN_STATUSES, ...reading.runsByStatus.keys()])) runs.inc({ status }, reading.runsByStatus.get(status) ?? 0);
      pages.reset();
      pages.inc(reading.pages);
      fetched.reset();
      fetched.inc(reading.fetched);
      rateLimited.reset();
      rateLimited.inc(reading.rateLimited);
      signInFailures.reset();
      signInFailures.inc(reading.signInFailures);
      behind.reset();
      if (reading.coveredUntil) behind.set(Math.max(0, (now.getTime() - reading.coveredUntil.getTime()) / 1000));
      lastSuccess.reset();
      if (reading.lastSuccessAt) lastSuccess.set(reading.lastSuccessAt.getTime() / 1000);
      // Reset first: a destination removed from INTEGRATIONS_FILE leaves no stale series.
      for (const metric of [destinationPending, destinationBehind, destinationFailing]) metric.reset();
      for (const destination of reading.destinations) {
        const labels = { destination: destination.name, type: destination.type };
        destinationPending.set(labels, destination.pending);
        destinationBehind.set(labels, destination.behindMs / 1000);
        destinationFailing.set(labels, destination.failing ? 1 : 0);
      }
    },
  };
}

/** The text Prometheus scrapes, with the store's metrics read just now. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  await storeMetrics().refresh();
  const registry = metricsRegistry();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
