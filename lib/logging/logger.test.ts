import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { captureConsole, configureLogging, holdUntilConfigured, logger, printBanner, requestIdFrom, withRequestId, writeLogLine } from "./logger.mjs";
import { startLogging } from "./startLogging";

/** Sets the process's logger up from `env` as the server does, its lines kept here. */
function capture(env: Record<string, string>): string[] {
  const lines: string[] = [];
  startLogging({ config: loadConfig(env, "/srv/app"), write: (line) => lines.push(line) });
  return lines;
}
const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

afterEach(() => configureLogging({ level: "info", format: "json", redact: (line) => line, write: (line) => process.stdout.write(line) }));

describe("the logger", () => {
  it("writes one JSON object a line: ISO time, level by name, component, message", () => {
    const lines = capture({});
    logger("sync").info({ runId: 7 }, "run 7 done");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      component: "sync",
      runId: 7,
      msg: "run 7 done",
    });
  });

  it("keeps the lines at LOG_LEVEL and above, also for loggers handed out before it was set", () => {
    const early = logger("early");
    const lines = capture({ LOG_LEVEL: "warn" });
    early.info("left out");
    early.warn("kept");
    logger().error("kept too");
    expect(parsed(lines).map((line) => line.msg)).toEqual(["kept", "kept too"]);
    const debug = capture({ LOG_LEVEL: "debug" });
    early.debug("now kept");
    early.trace("not this");
    expect(parsed(debug).map((line) => [line.level, line.msg])).toEqual([["debug", "now kept"]]);
  });

  it("replaces every secret of the configuration, also inside a JSON string and in the lines the runner's thread sends", () => {
    const key = 'tapi_1sn61992rNstjlDoJWnFXRRkxPZ.s3cr"tPart\\0123';
    const lines = capture({ PARSEC_API_KEY: key, PARSEC_TEAM_ID: "1sn61992rNstjlDoJWnFXRRkxPZ", SYNC_TOKEN: "sync-token-0123456789" });
    logger("sync").error({ detail: `Parsec said: bad key ${key}` }, "refused with Bearer sync-token-0123456789");
    writeLogLine(`${JSON.stringify({ level: "info", msg: `secret part ${'s3cr"tPart\\0123'}` })}\n`);
    expect(lines.join("")).not.toContain("sync-token-0123456789");
    expect(lines.join("")).not.toContain("s3cr");
    expect(parsed(lines)).toMatchObject([
      { detail: "Parsec said: bad key [redacted]", msg: "refused with Bearer [redacted]" },
      { msg: "secret part [redacted]" },
    ]);
  });

  it("puts the request's id on every line logged while the request is answered, across awaits, and on no other", async () => {
    const lines = capture({});
    await Promise.all(
      ["req-a", "req-b"].map((id) =>
        withRequestId(id, async () => {
          logger("http").info(`start ${id}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          logger("oidc").warn(`end ${id}`);
        }),
      ),
    );
    logger().info("outside");
    const byMessage = Object.fromEntries(parsed(lines).map((line) => [line.msg, line.requestId]));
    expect(byMessage).toEqual({ "start req-a": "req-a", "start req-b": "req-b", "end req-a": "req-a", "end req-b": "req-b", outside: undefined });
  });

  it("keeps a well-formed X-Request-Id and makes a new one otherwise", () => {
    expect(requestIdFrom("3f2a9c1e-proxy.7")).toBe("3f2a9c1e-proxy.7");
    expect(requestIdFrom(["Root=1-67891233-abcdef012345678912345678", "second"])).toBe("Root=1-67891233-abcdef012345678912345678");
    for (const bad of [undefined, null, "", "with space", 'quote"', "x".repeat(129), "line\nbreak", "日本"]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("LOG_FORMAT=pretty: one readable line a record, with its level, component and fields", () => {
    const lines = capture({ LOG_FORMAT: "pretty" });
    withRequestId("req-9", () => logger("sync").warn({ pages: 3 }, "waiting for the quota"));
    const text = lines.join("");
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z\] WARN: \[sync\] waiting for the quota\n/);
    expect(text).toContain("pages: 3");
    expect(text).toContain('requestId: "req-9"');
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });

  it("turns what is printed on the console (Next.js's own lines) into records at the method's level", () => {
    const lines = capture({});
    const saved = { ...console };
    try {
      captureConsole(logger("console"));
      console.log(" \u001b[32m✓\u001b[39m Running next.config.mjs took %d ms", 178);
      console.error(new Error("boom"));
    } finally {
      Object.assign(console, saved);
    }
    expect(parsed(lines)).toMatchObject([
      { level: "info", component: "console", msg: "✓ Running next.config.mjs took 178 ms" },
      { level: "error", component: "console", msg: expect.stringMatching(/^Error: boom\n\s+at /) },
    ]);
  });

  it("holds the lines logged before the configuration is read, then writes them in its format with its secrets redacted", () => {
    const early: string[] = [];
    configureLogging({ level: "info", format: "json", redact: (line) => line, write: (line) => early.push(line) });
    holdUntilConfigured();
    logger("http").info("listening with the key tapi_early.secretPart0123");
    expect(early).toEqual([]);
    const lines = capture({ LOG_FORMAT: "pretty", PARSEC_API_KEY: "tapi_early.secretPart0123", PARSEC_TEAM_ID: "early" });
    expect(lines).toEqual([expect.stringMatching(/^\[[\d :.Z-]+\] INFO: \[http\] listening with the key \[redacted\]\n$/)]);
    logger("http").info("after");
    expect(lines).toHaveLength(2);
  });

  it("prints the first start's banner as plain lines, whatever the format, for the person reading the console", () => {
    const lines = capture({});
    printBanner(["=====", "[parsec-viewer]   one-time password:  Abc-123_xyz"]);
    expect(lines).toEqual(["=====\n", "[parsec-viewer]   one-time password:  Abc-123_xyz\n"]);
    expect(/one-time password:\s+(\S+)/.exec(lines.join(""))?.[1]).toBe("Abc-123_xyz");
  });
});
