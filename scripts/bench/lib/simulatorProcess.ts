// The simulated Parsec API in a child process of its own (scripts/simulator.ts), so that serving
// pages costs the measured process neither CPU on its event loop nor RSS.
import { cleanEnv, NodeChild, type ChildResult } from "./child";

/** The options that decide the history: the same ones give the same events, in any process. */
export interface HistoryOptions {
  events: number;
  seed: number;
  /** A fixed end, so that two processes generate the same history. */
  endAt: Date;
}

export interface SimulatorProcess {
  url: string;
  teamId: string;
  apiKey: string;
  /** Events the simulator says it generated (valid and malformed; none are malformed here). */
  generated: number;
  generationMs: number;
  child: NodeChild;
  stop(): Promise<ChildResult>;
}

export async function startSimulatorProcess(history: HistoryOptions, timeoutMs: number): Promise<SimulatorProcess> {
  let generated: number | undefined;
  let generationMs: number | undefined;
  const child = NodeChild.start({
    script: "scripts/simulator.ts",
    args: ["--events", String(history.events), "--seed", String(history.seed), "--end-at", history.endAt.toISOString(), "--quota", "off", "--port", "0"],
    env: cleanEnv({}),
    timeoutMs,
    sampleEveryMs: 500,
    onStderrLine: (line) => {
      const match = /^simulator: (\d+) events generated in (\d+) ms/.exec(line);
      if (match) {
        generated = Number(match[1]);
        generationMs = Number(match[2]);
      }
    },
  });
  try {
    const vars = await child.waitForStdout(
      (stdout) => {
        const found = Object.fromEntries([...stdout.matchAll(/^(SIMULATOR_URL|PARSEC_TEAM_ID|PARSEC_API_KEY)=(.*)$/gm)].map((m) => [m[1], m[2]]));
        // The count comes on stderr, a separate pipe: wait for both.
        const ready = found.SIMULATOR_URL && found.PARSEC_TEAM_ID && found.PARSEC_API_KEY && generated !== undefined;
        return ready ? found : undefined;
      },
      Math.min(timeoutMs, 300_000),
    );
    return {
      url: vars.SIMULATOR_URL!,
      teamId: vars.PARSEC_TEAM_ID!,
      apiKey: vars.PARSEC_API_KEY!,
      generated: generated!,
      generationMs: generationMs!,
      child,
      stop: () => child.stop(),
    };
  } catch (error) {
    const result = await child.stop();
    throw new Error(`simulator: ${(error as Error).message}\n${result.stderrTail.join("\n")}`);
  }
}
