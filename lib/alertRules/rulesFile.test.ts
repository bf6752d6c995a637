import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config";
import { BUILT_IN_RULES } from "./builtInRules";
import { ruleSchema } from "./ruleSchema";

const dir = mkdtempSync(path.join(tmpdir(), "alert-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withFile(content: unknown, env: Record<string, string> = {}) {
  const file = path.join(dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return () => loadConfig({ ALERT_RULES_FILE: file, ...env }, dir);
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.replace(/ALERT_RULES_FILE \S+: /, ""));
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("ALERT_RULES_FILE", () => {
  it("is read once at start into provisioned channels and rules", () => {
    const config = withFile(
      {
        channels: [{ name: "ops", type: "webhook", url: "https://hooks.example.com/parsec", secretEnv: "ALERT_SECRET_OPS" }],
        rules: [{ name: "API key created", kind: "event", match: { names: ["team_api_key_create"] }, channels: ["ops"], enabled: true }],
      },
      { ALERT_SECRET_OPS: "s3cret-s3cret" },
    )();
    expect(config.alerts.provisioning?.rules[0]).toMatchObject({ name: "API key created", severity: "warning", enabled: true, cooldownMinutes: 0 });
    expect(config.alerts.secrets.get("ALERT_SECRET_OPS")).toBe("s3cret-s3cret");
  });

  it("a wrong file stops the start with one line per problem, naming the rule or channel and the field", () => {
    const problems = problemsOf(
      withFile({
        channels: [
          { name: "ops", type: "webhook", url: "ftp://nope", secretEnv: "ALERT_SECRET_MISSING" },
          { name: "chat", type: "pager" },
        ],
        rules: [
          { name: "Burst", kind: "threshold", match: { names: [] }, count: 1, windowMinutes: 15, channels: ["ops"] },
          { name: "Night", kind: "schedule", match: { names: ["conn_client_offer"] }, zone: "Mars/Olympus", days: ["mon"], from: "9am", to: "19:00" },
          { name: "Unknown channel", kind: "event", match: { names: ["team_member_add"] }, channels: ["nowhere"] },
          { kind: "event" },
        ],
      }),
    );
    expect(problems).toEqual([
      'channel "ops" url must be an http(s) URL',
      'channel "chat" type must have a type: "webhook", "slack", "teams" or "email"',
      'rule "Burst" match.names must name at least one event',
      'rule "Burst" count must be at least 2',
      'rule "Night" zone must be an IANA time zone such as Asia/Tokyo',
      'rule "Night" from must be a time of day such as "09:00"',
      "rule #4 name must be a name (text)",
      "rule #4 match Invalid input: expected object, received undefined",
      'rule "Unknown channel" channels names "nowhere", which the file does not define',
    ]);
  });

  it("a file that is missing or not JSON says so in one line", () => {
    expect(problemsOf(() => loadConfig({ ALERT_RULES_FILE: path.join(dir, "absent.json") }, dir))).toEqual([
      expect.stringMatching(/cannot be read \(ENOENT\)/),
    ]);
    expect(problemsOf(withFile("{ not json"))).toEqual([expect.stringMatching(/is not JSON/)]);
  });

  it("a webhook secret variable that is not set is named", () => {
    const problems = problemsOf(withFile({ channels: [{ name: "ops", type: "webhook", url: "https://x.example.com", secretEnv: "ALERT_SECRET_OPS" }] }));
    expect(problems).toEqual(['channel "ops" secretEnv names ALERT_SECRET_OPS, which is not set in the environment']);
  });
});

describe("built-in rules", () => {
  it("are valid rules, off until enabled, with distinct names covering the issue's cases", () => {
    const rules = BUILT_IN_RULES.map((r) => ruleSchema.parse(r));
    expect(rules.every((r) => !r.enabled)).toBe(true);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(["event", "new-value", "schedule", "threshold", "sync-health"]));
  });
});
