import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { startSimulator } from "../lib/parsec/simulator";
import { LOG_DESTINATION_PORT, LOG_SERVER_PORT } from "../playwright.config";
import { expect, test } from "./fixtures";
import { freshDataDir, startServerProcess, type ServerProcess } from "./serverProcess";

const SECRETS = {
  SYNC_TOKEN: "log-test-sync-token-0123456789",
  METRICS_TOKEN: "log-test-metrics-token-0123456789",
  ADMIN_PASSWORD: "log-test-admin-password",
  SMTP_PASSWORD: "log-test-smtp-password",
  HEC_TOKEN: "log-test-hec-token-0123456789",
};
const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/**
 * The real server's output, in each format, after a sync, a delivery that fails, and requests with
 * ids of their own: what the lines are made of, which carry the request's id, and that no secret
 * is in any of them, not even where a destination echoed its token back into an error we log.
 */
for (const format of ["json", "pretty"] as const) {
  test(`LOG_FORMAT=${format}: every record has its level, a request's records its id, and no line holds a secret`, async () => {
    test.setTimeout(180_000);
    const sim = await startSimulator({ events: 300, seed: 61, endAt: new Date("2026-06-01T00:00:00.000Z"), quota: null });
    const secrets = [sim.apiKey, sim.apiKey.slice(sim.apiKey.indexOf(".") + 1), ...Object.values(SECRETS)];
    // A collector that refuses the token and quotes it back: the delivery's error carries it.
    const collector = createServer((request, response) => {
      request.resume();
      response.writeHead(403).end(`invalid authorization: ${request.headers.authorization ?? ""}`);
    });
    await new Promise<void>((resolve) => collector.listen(LOG_DESTINATION_PORT, "127.0.0.1", resolve));
    let server: ServerProcess | undefined;
    try {
      const dir = freshDataDir(`e2e-log-${format}`);
      const integrations = path.join(dir, "integrations.json");
      writeFileSync(
        integrations,
        JSON.stringify({ destinations: [{ name: "splunk", type: "splunk-hec", url: `http://127.0.0.1:${LOG_DESTINATION_PORT}`, tokenEnv: "HEC_TOKEN" }] }),
      );
      server = await startServerProcess(LOG_SERVER_PORT, {
        ...SECRETS,
        LOG_LEVEL: "debug",
        LOG_FORMAT: format,
        DATABASE_URL: `file:./${path.join(dir, "store.db")}`,
        PARSEC_API_KEY: sim.apiKey,
        PARSEC_TEAM_ID: sim.teamId,
        PARSEC_API_BASE_URL: sim.url,
        PARSEC_RATE_LIMIT: "off",
        SYNC_INTERVAL_SECONDS: "0",
        ADMIN_EMAIL: "log-test@example.com",
        INTEGRATIONS_FILE: integrations,
        INTEGRATIONS_INTERVAL_SECONDS: "1",
      });
      const synced = await fetch(`${server.url}/api/sync?wait=true`, {
        method: "POST",
        headers: { authorization: `Bearer ${SECRETS.SYNC_TOKEN}`, "x-request-id": "log-test-sync" },
      });
      expect(synced.status).toBe(200);
      expect(synced.headers.get("x-request-id")).toBe("log-test-sync");
      // A secret in a query string, and a refused token: neither reaches a line.
      const health = await fetch(`${server.url}/api/health?key=${encodeURIComponent(sim.apiKey)}`, { headers: { "x-request-id": "log-test-health" } });
      expect(health.status).toBe(200);
      const refused = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${SECRETS.METRICS_TOKEN}x`, "x-request-id": "log-test-refused" },
      });
      expect(refused.status).toBe(401);
      // Without an id of its own, a request gets a new one, on its answer and on its lines.
      const anonymous = (await fetch(`${server.url}/api/ready`)).headers.get("x-request-id")!;
      expect(anonymous).toMatch(/^[0-9a-f-]{36}$/);
      await server.waitForLine(/delivery failed/);
      server.child.kill("SIGTERM");
      expect(await server.exited).toMatchObject({ code: 0 });

      const lines = server.lines().filter((line) => line !== "");
      for (const line of lines) for (const secret of secrets) expect(line.includes(secret), `a line holds a secret: ${line}`).toBe(false);
      // The one line that did carry the token (the collector's answer) still says what went wrong.
      expect(lines.find((line) => line.includes("delivery failed"))).toContain("invalid authorization: Splunk [redacted]");

      const records = format === "json" ? jsonRecords(lines) : prettyRecords(lines);
      for (const record of records) expect(LEVELS, `the level of ${record.text}`).toContain(record.level);
      const ofRequest = (id: string) => records.filter((record) => record.requestId === id);
      for (const id of ["log-test-sync", "log-test-health", "log-test-refused", anonymous]) {
        // LOG_LEVEL=debug: a line per answered request, with its method, path (no query) and status.
        expect(ofRequest(id).length, `lines of request ${id}`).toBeGreaterThan(0);
      }
      expect(ofRequest("log-test-health").map((record) => record.msg)).toContainEqual(expect.stringMatching(/^GET \/api\/health 200 \d+ ms$/));
      expect(ofRequest("log-test-refused").map((record) => record.msg)).toContainEqual(expect.stringMatching(/^GET \/metrics 401 /));
      // Lines logged outside any request (the start, the runner's thread, the stop) carry no id.
      const stopping = records.find((record) => /SIGTERM: stopping/.test(record.msg))!;
      expect(stopping).toMatchObject({ level: "info", requestId: undefined });
    } finally {
      server?.kill();
      await new Promise((resolve) => collector.close(resolve));
      await sim.close();
    }
  });
}

interface LogRecord {
  level: string;
  msg: string;
  requestId: string | undefined;
  text: string;
}

/** LOG_FORMAT=json: every line is one JSON object. */
function jsonRecords(lines: string[]): LogRecord[] {
  return lines.map((line) => {
    let parsed: { level?: unknown; msg?: unknown; requestId?: unknown; time?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
    expect(parsed.time, line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof parsed.msg, line).toBe("string");
    return { level: String(parsed.level), msg: parsed.msg as string, requestId: parsed.requestId as string | undefined, text: line };
  });
}

/**
 * LOG_FORMAT=pretty (pino-pretty): a record is its line `[time] LEVEL: [component] message`, then
 * its other fields indented one a line (`    requestId: "..."`).
 */
function prettyRecords(lines: string[]): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of lines) {
    const head = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z\] ([A-Z]+): (?:\[[a-z-]+\] )?(.*)$/.exec(line);
    if (head) {
      records.push({ level: head[1]!.toLowerCase(), msg: head[2]!, requestId: undefined, text: line });
      continue;
    }
    const record = records.at(-1);
    expect(record && /^\s+\S/.test(line), `neither a record nor one of its fields: ${line}`).toBe(true);
    record!.text += `\n${line}`;
    const requestId = /^\s+requestId: "(.*)"$/.exec(line);
    if (requestId) record!.requestId = requestId[1];
  }
  return records;
}
