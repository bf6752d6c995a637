import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

function withFile(content: unknown, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "integrations-config-"));
  writeFileSync(path.join(dir, "integrations.json"), typeof content === "string" ? content : JSON.stringify(content));
  return () => loadConfig({ INTEGRATIONS_FILE: "integrations.json", ...env }, dir);
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

const ISSUE_EXAMPLE = {
  destinations: [
    {
      name: "archive",
      type: "s3",
      bucket: "audit",
      prefix: "parsec/",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      accessKeyIdEnv: "ARCHIVE_KEY_ID",
      secretAccessKeyEnv: "ARCHIVE_SECRET",
    },
    { name: "siem", type: "syslog", url: "tcp://siem.example:6514", tls: true },
    { name: "hec", type: "splunk-hec", url: "https://splunk.example:8088", tokenEnv: "SPLUNK_HEC_TOKEN" },
    { name: "hook", type: "http", url: "https://collector.example/ingest", headers: { "x-source": "parsec" } },
  ],
};
const ISSUE_SECRETS = { ARCHIVE_KEY_ID: "key-id", ARCHIVE_SECRET: "secret-key", SPLUNK_HEC_TOKEN: "hec-token" };

describe("INTEGRATIONS_FILE", () => {
  it("no file: no destinations, and the timer's default period", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config.integrations).toEqual({ destinations: [], intervalMs: 60_000 });
  });

  it("reads the issue's example, with the secrets of its ...Env fields and each type's defaults", () => {
    const { destinations } = withFile(ISSUE_EXAMPLE, ISSUE_SECRETS)().integrations;
    expect(destinations.map((d) => [d.name, d.type])).toEqual([
      ["archive", "s3"],
      ["siem", "syslog"],
      ["hec", "splunk-hec"],
      ["hook", "http"],
    ]);
    expect(destinations[0]).toMatchObject({ bucket: "audit", prefix: "parsec/", forcePathStyle: true, batchSize: 5_000, timeoutSeconds: 30 });
    expect(destinations[0]!.secrets).toEqual({ accessKeyIdEnv: "key-id", secretAccessKeyEnv: "secret-key" });
    expect(destinations[1]).toMatchObject({ tls: true, facility: 13, appName: "parsec-viewer" });
    expect(destinations[2]).toMatchObject({ sourcetype: "parsec:audit", secrets: { tokenEnv: "hec-token" } });
    expect(destinations[3]).toMatchObject({ headers: { "x-source": "parsec" }, batchSize: 500, secrets: {} });
  });

  it("a from date starts at UTC midnight; an RFC 3339 time is taken as it is", () => {
    const { destinations } = withFile({
      destinations: [
        { name: "a", type: "http", url: "http://127.0.0.1:1/", from: "2026-03-01" },
        { name: "b", type: "http", url: "http://127.0.0.1:1/", from: "2026-03-01T09:00:00+09:00" },
      ],
    })().integrations;
    expect(destinations.map((d) => d.from?.toISOString())).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });

  it("names each missing environment variable with its destination and field", () => {
    expect(problemsOf(withFile(ISSUE_EXAMPLE, { ARCHIVE_KEY_ID: "key-id" }))).toEqual([
      'INTEGRATIONS_FILE integrations.json: destination "archive" field secretAccessKeyEnv: environment variable ARCHIVE_SECRET is not set',
      'INTEGRATIONS_FILE integrations.json: destination "hec" field tokenEnv: environment variable SPLUNK_HEC_TOKEN is not set',
    ]);
  });

  it("one line per problem, naming the destination (or its place) and the field", () => {
    const problems = problemsOf(
      withFile({
        destinations: [
          { name: "archive", type: "s3", bucket: "No_Such Bucket" },
          { name: "hook", type: "http", url: "ftp://collector.example/", batchSize: 0 },
          { type: "syslog", url: "udp://siem.example:514", tls: true },
          { name: "x", type: "kafka" },
          { name: "hook", type: "loki", url: "http://127.0.0.1:3100", labels: {} },
        ],
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^INTEGRATIONS_FILE integrations\.json: destination "archive" field bucket: must be a bucket name/),
      expect.stringMatching(/destination "hook" field url: must be an http\(s\) URL$/),
      expect.stringMatching(/destination "hook" field batchSize: must be a whole number from 1 to 50000$/),
      expect.stringMatching(/destination #3 field name: must be a name/),
      expect.stringMatching(
        /destination "x" field type: must be one of "s3", "http", "splunk-hec", "elasticsearch", "loki", "syslog", "cloudwatch-logs", "google-cloud-logging"$/,
      ),
      expect.stringMatching(/destination "hook": Unrecognized key: "labels"$/),
    ]);
  });

  it("refuses TLS over UDP, half a pair of credentials and two destinations of one name", () => {
    const problems = problemsOf(
      withFile(
        {
          destinations: [
            { name: "siem", type: "syslog", url: "udp://siem.example:514", tls: true },
            { name: "archive", type: "s3", bucket: "audit", accessKeyIdEnv: "KEY" },
            { name: "siem", type: "http", url: "http://127.0.0.1:1" },
          ],
        },
        { KEY: "k" },
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/destination "siem" field tls: TLS needs tcp:\/\/, not udp:\/\/$/),
      expect.stringMatching(/destination "archive" field secretAccessKeyEnv: accessKeyIdEnv and secretAccessKeyEnv go together/),
      expect.stringMatching(/destination "siem" field name: is used by another destination$/),
    ]);
  });

  it("a file that is missing or not JSON stops the start with what to do", () => {
    expect(problemsOf(() => loadConfig({ INTEGRATIONS_FILE: "nowhere.json" }, tmpdir()))).toEqual([
      "INTEGRATIONS_FILE nowhere.json cannot be read (ENOENT): give the path of a JSON file",
    ]);
    expect(problemsOf(withFile("{ destinations: "))).toEqual([expect.stringMatching(/^INTEGRATIONS_FILE integrations\.json: is not JSON: /)]);
    expect(problemsOf(withFile({ destinations: {} }))).toEqual(["INTEGRATIONS_FILE integrations.json: destinations: must be a list of destinations"]);
  });

  it("never prints a secret's value, only its variable's name", () => {
    const message = (() => {
      try {
        withFile({ destinations: [{ name: "hec", type: "splunk-hec", url: "not a url", tokenEnv: "HEC" }] }, { HEC: "very-secret-token" })();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(message).toContain('destination "hec" field url');
    expect(message).not.toContain("very-secret-token");
  });
});
