import { BadParameterError } from "../http/requestErrors";
import { scenarioSchema } from "../parsec/simulator/scenarios";
import { getIngestRunner } from "../runner/ingestRunnerHost";
import { scenarioResultSchema } from "../runner/runnerProtocol";

/**
 * Demo mode's scenario buttons: the events of one scenario, added to the simulated team now. The
 * simulated API runs in the ingest runner's thread, beside the demo sync, so the runner adds them.
 */
export async function injectScenario(name: string): Promise<number> {
  const request = scenarioSchema.safeParse({ scenario: name });
  if (!request.success) throw new BadParameterError(`There is no scenario "${name}".`);
  const added = scenarioResultSchema.parse(await getIngestRunner().request({ type: "scenario", request: request.data }));
  if (added === null) throw new BadParameterError("Scenarios can only be injected in demo mode, into the built-in simulated Parsec API.");
  return added;
}
