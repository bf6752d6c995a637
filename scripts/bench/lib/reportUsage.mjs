// Preloaded into benchmarked child processes (node [--import tsx] --import this-file ...): at exit,
// writes the process's own peak RSS and CPU time to $BENCH_USAGE_FILE. getrusage's peak is exact,
// where polling /proc from outside can miss a short spike. It also samples process.memoryUsage()
// a few times a second, to split the RSS into V8 heap, buffers/wasm (external) and the rest
// (native: SQLite's caches, code, thread stacks).
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  const peak = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  let atPeakRss = null;
  const sample = () => {
    const m = process.memoryUsage();
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], m[key]);
    if (!atPeakRss || m.rss >= atPeakRss.rss) atPeakRss = m;
  };
  setInterval(sample, 250).unref();
  process.on("exit", () => {
    sample();
    const usage = process.resourceUsage();
    const kb = (bytes) => Math.round(bytes / 1024);
    writeFileSync(
      file,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userCpuMs: usage.userCPUTime / 1000,
        systemCpuMs: usage.systemCPUTime / 1000,
        exitedAtMs: Date.now(),
        memory: {
          peakHeapTotalKb: kb(peak.heapTotal),
          peakHeapUsedKb: kb(peak.heapUsed),
          peakExternalKb: kb(peak.external),
          peakArrayBuffersKb: kb(peak.arrayBuffers),
          atHighestSampledRss: Object.fromEntries(Object.entries(atPeakRss).map(([k, v]) => [`${k}Kb`, kb(v)])),
        },
      }),
    );
  });
}
