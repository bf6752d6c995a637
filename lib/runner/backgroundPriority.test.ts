import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { getPriority } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { BACKGROUND_NICENESS } from "./backgroundPriority";

const ROOT = path.resolve(__dirname, "../..");

describe("background work yields the CPU to the pages", () => {
  it.runIf(process.platform === "linux")("lowers the runner's thread alone, not the thread that serves pages", async () => {
    const before = getPriority();
    const source = path.join(__dirname, "backgroundPriority.ts");
    const worker = new Worker(
      `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(source)}); }).then(({ yieldCpuToPages }) => {
         const { parentPort } = require("node:worker_threads");
         const { getPriority } = require("node:os");
         parentPort.postMessage({ lowered: yieldCpuToPages(), priority: getPriority() });
       });`,
      { eval: true },
    );
    const seen = await new Promise<{ lowered: boolean; priority: number }>((resolve, reject) => worker.once("message", resolve).once("error", reject));
    await worker.terminate();
    expect(seen.priority).toBe(seen.lowered ? Math.max(BACKGROUND_NICENESS, before) : before);
    expect(seen.priority).toBeGreaterThanOrEqual(Math.min(BACKGROUND_NICENESS, 19));
    expect(getPriority()).toBe(before);
  });

  it("runs the sync, import and forward commands below the server, and the others as they were started", () => {
    const probe = (background: boolean) =>
      execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "--input-type=module",
          "-e",
          `import { getPriority } from "node:os"; import { runCli } from "./scripts/runCli.ts"; runCli("probe", async () => { console.log(getPriority()); }, { background: ${background} });`,
        ],
        { cwd: ROOT, env: { ...process.env, LOG_FORMAT: "json" } },
      )
        .toString()
        .trim()
        .split("\n")
        .at(-1);
    expect(Number(probe(true))).toBe(Math.max(BACKGROUND_NICENESS, getPriority()));
    expect(Number(probe(false))).toBe(getPriority());
    for (const command of ["sync", "import", "forward"])
      expect(readFileSync(path.join(ROOT, "scripts", `${command}.ts`), "utf8"), command).toContain("{ background: true }");
  });
});
