/**
 * A simulated Parsec Teams audit-log API, for integration tests, benchmarks and the demo mode.
 *
 * Choices where the real API is undocumented (see shared/parsec-api.md), so clients must not
 * depend on them:
 * - Ids are KSUIDs ordered by second, then by random payload: within one second, id order is not
 *   timestamp order (the documented example id decodes to exactly its event's second).
 * - Pages are in id order (newest first by default); `cursor`/`after` must name an existing event,
 *   else 400 "invalid cursor". Filters apply first, so `next_cursor` names the next matching event.
 * - The quota is counted per key and per API version (v1 and v2 are separate endpoints), counts
 *   every request with a known key (400s too), and a block starts the window afresh.
 * - Injected 429/5xx/reset faults bypass the quota; a 502 answers HTML, as a load balancer would.
 * - Malformed events are filed under valid columns (the defect is in the JSON only), so filters
 *   and cursors treat them like the others; `next_cursor` may name one whose served id is missing.
 * - Appended events start up to 15 s before `at`, like an ingestion delay; the later steps of the
 *   connections they open (and of connections open at the end of the history) are released by the
 *   live feed when their time comes.
 * - The live feed (advanceLive) continues the history at its own pace and work hours, drawn from
 *   the seed hour by hour after the history's end: the same events whenever it runs. No one is ever
 *   connected twice to the same host at once.
 */
export { startSimulator, keyWithoutAuditPermission } from "./startSimulator";
export type { Fault, SessionTruth, Simulator, SimulatorOptions, SimulatorStats } from "./types";
export { faultSchema } from "./adminEndpoint";
export { SCENARIOS, scenarioSchema, type ScenarioName, type ScenarioRequest } from "./scenarios";
export { decodeKsuid, encodeKsuid, KSUID_EPOCH_SECONDS } from "./ksuid";
export { formatTimestamp, parseTimestampMicros } from "./timestamps";
