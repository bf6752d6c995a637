import { injectDemoScenario } from "../demo/demoParsecApi";
import { BadParameterError } from "../http/requestErrors";
import { scenarioSchema } from "../parsec/simulator/scenarios";

/** Demo mode's scenario buttons: the events of one scenario, added to the simulated team now. */
export async function injectScenario(name: string): Promise<number> {
  const request = scenarioSchema.safeParse({ scenario: name });
  if (!request.success) throw new BadParameterError(`There is no scenario "${name}".`);
  const added = await injectDemoScenario(request.data);
  if (added === null) throw new BadParameterError("Scenarios can only be injected in demo mode, into the built-in simulated Parsec API.");
  return added;
}
