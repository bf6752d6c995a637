import { describe, expect, it } from "vitest";
import { BUILT_IN_RULES } from "./builtInRules";
import { definitionProblems } from "./definitionProblems";
import {
  addCondition,
  changeKind,
  draftText,
  formFields,
  parseDraft,
  readChecked,
  readChoices,
  readConditions,
  readText,
  removeCondition,
  RULE_KINDS,
  writeCondition,
  writeField,
  type FormField,
  type RuleDraft,
} from "./ruleForm";
import { ruleSchema, type RuleKind } from "./ruleSchema";

/** What an admin types into each field of a kind's form, as the page's inputs hand it over. */
const TYPED: Record<string, string | boolean | string[]> = {
  name: "  Form rule ",
  description: "typed in the form",
  severity: "critical",
  channels: ["ops", "mail"],
  enabled: true,
  cooldownMinutes: "15",
  match_names: "p2p_client_complete, conn_client_offer",
  match_users: "7, 42",
  match_notUsers: "9",
  match_hosts: "host-a,host-b",
  match_exit: "failure",
  count: "10",
  windowMinutes: "15",
  groupBy: "host",
  value: "ip-prefix",
  lookbackDays: "30",
  zone: "Europe/Berlin",
  days: ["mon", "wed"],
  from: "08:30",
  to: "24:00",
  condition: "destination-lagging",
  threshold: "45",
};

/** Writes every field of the kind's form into a draft, as typing each in turn would. */
function fillForm(kind: RuleKind): RuleDraft {
  let draft: RuleDraft = { kind };
  for (const field of formFields(kind)) {
    if (field.control === "conditions") {
      draft = addCondition(addCondition(draft));
      draft = writeCondition(draft, 0, { field: "role", op: "not-in", value: "owner, admin" });
      draft = writeCondition(draft, 1, { field: "host_computer_name", op: "exists", value: "ignored" });
    } else draft = writeField(draft, field, TYPED[field.key]!);
  }
  return draft;
}

/** The form's fields as it shows them for a draft. */
function readForm(draft: RuleDraft, fields: FormField[]) {
  return fields.map((field) =>
    field.control === "checkbox"
      ? readChecked(draft, field)
      : field.control === "choices"
        ? readChoices(draft, field)
        : field.control === "conditions"
          ? readConditions(draft)
          : readText(draft, field),
  );
}

describe("the structured rule form", () => {
  it.each(RULE_KINDS)("fills every field of a %s rule into JSON the rule schema accepts, and shows the parsed rule the same", (kind) => {
    const draft = fillForm(kind);
    // The form's output is what the JSON editor holds and saves.
    const parsed = ruleSchema.parse(parseDraft(draftText(draft)));
    expect(parsed).toMatchObject({ kind, name: "Form rule", severity: "critical", channels: ["ops", "mail"], enabled: true, cooldownMinutes: 15 });
    if (parsed.kind !== "sync-health")
      expect(parsed.match).toEqual({
        names: ["p2p_client_complete", "conn_client_offer"],
        users: [7, 42],
        notUsers: [9],
        hosts: ["host-a", "host-b"],
        exit: "failure",
        data: [
          { field: "role", op: "not-in", value: ["owner", "admin"] },
          { field: "host_computer_name", op: "exists" },
        ],
      });
    if (parsed.kind === "threshold") expect([parsed.count, parsed.windowMinutes, parsed.groupBy]).toEqual([10, 15, "host"]);
    if (parsed.kind === "new-value") expect([parsed.value, parsed.groupBy, parsed.lookbackDays]).toEqual(["ip-prefix", "host", 30]);
    if (parsed.kind === "schedule") expect([parsed.zone, parsed.days, parsed.from, parsed.to]).toEqual(["Europe/Berlin", ["mon", "wed"], "08:30", "24:00"]);
    if (parsed.kind === "sync-health") expect([parsed.condition, parsed.threshold]).toEqual(["destination-lagging", 45]);
    // Read back from the saved rule, every field shows what it shows for the draft (but the trimmed name).
    const fields = formFields(kind).filter((f) => f.key !== "name");
    expect(readForm(parsed as RuleDraft, fields)).toEqual(readForm(draft, fields));
  });

  it.each(BUILT_IN_RULES.map((rule) => [rule.name, rule] as const))("rewrites %s field by field into the same rule", (_name, rule) => {
    const original = ruleSchema.parse(rule) as RuleDraft;
    const kind = original.kind as RuleKind;
    let rewritten: RuleDraft = { kind };
    for (const field of formFields(kind)) {
      if (field.control === "conditions") readConditions(original).forEach((row, i) => (rewritten = writeCondition(rewritten, i, row)));
      else if (field.control === "checkbox") rewritten = writeField(rewritten, field, readChecked(original, field));
      else if (field.control === "choices") rewritten = writeField(rewritten, field, readChoices(original, field));
      else rewritten = writeField(rewritten, field, readText(original, field));
    }
    expect(ruleSchema.parse(rewritten)).toEqual(original);
  });

  it("keeps what it has no field for, and takes an emptied optional field out", () => {
    const field = formFields("event").find((f) => f.key === "match_hosts")!;
    const draft = writeField({ kind: "event", name: "x", match: { names: ["a"], hosts: ["h"] }, custom: 1 }, field, " ");
    expect(draft).toEqual({ kind: "event", name: "x", match: { names: ["a"] }, custom: 1 });
    expect(removeCondition(addCondition(draft), 0)).toEqual(draft);
  });

  it("changes the kind keeping the common fields and the event filter", () => {
    const draft: RuleDraft = { kind: "event", name: "mine", severity: "info", channels: ["ops"], match: { names: ["a"] } };
    const template = { kind: "threshold", name: "template", enabled: false, channels: [], match: { names: ["b"] }, count: 5, windowMinutes: 10 };
    expect(changeKind(draft, "threshold", template)).toEqual({
      kind: "threshold",
      name: "mine",
      severity: "info",
      channels: ["ops"],
      match: { names: ["a"] },
      count: 5,
      windowMinutes: 10,
    });
    expect(ruleSchema.safeParse(changeKind(draft, "sync-health", { kind: "sync-health", name: "t", condition: "parsec-auth" })).success).toBe(true);
  });

  it("writes bad values as typed, so that the schema's problem names the form's own field", () => {
    let draft = fillForm("threshold");
    const fields = formFields("threshold");
    const byKey = (key: string) => fields.find((f) => f.key === key)!;
    draft = writeField(draft, byKey("count"), "1");
    draft = writeField(draft, byKey("windowMinutes"), "1.5");
    draft = writeField(draft, byKey("match_users"), "7, someone");
    draft = writeField(draft, byKey("name"), "");
    draft = writeCondition(draft, 0, { field: "bad field!", op: "in", value: "x" });
    const parsed = ruleSchema.safeParse(draft);
    expect(parsed.success).toBe(false);
    const problems = definitionProblems("rule", parsed.error!.issues, draft);
    expect(problems.map((p) => [p.path, p.field, p.code, p.limit])).toEqual([
      ["name", "name", "too_small", 1],
      ["match.users[1]", "match_users", "invalid_type", undefined],
      ["match.data[0].field", "match_data_field", "invalid_format", undefined],
      ["count", "count", "too_small", 2],
      ["windowMinutes", "windowMinutes", "invalid_type", undefined],
    ]);
    const keys = new Set(fields.map((f) => f.key));
    for (const problem of problems) expect(keys.has(problem.field) || keys.has(problem.field.replace(/_(field|op|value)$/, ""))).toBe(true);
  });
});

describe("what the form makes of any paste", () => {
  const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

  it("shows no form for JSON nested deeper than a rule is, rather than overflowing the stack on it", () => {
    for (const text of [
      `{"name":"x","kind":"event","match":{"names":${nested(45_000)}}}`,
      `{"name":"x","kind":"event","match":{"names":["a"],"data":[{"field":"role","op":"in","value":${nested(45_000)}}]}}`,
      `{"description":${nested(20)}}`,
    ])
      expect(parseDraft(text)).toBeNull();
  });

  it("still shows one nested as deep as a rule is, and every field of every kind reads from it", () => {
    const draft = parseDraft(
      JSON.stringify({ name: "x", kind: "event", match: { names: ["a"], data: [{ field: "role", op: "in", value: [["owner"], "admin"] }] } }),
    );
    expect(draft).not.toBeNull();
    for (const kind of RULE_KINDS) for (const field of formFields(kind)) expect(typeof readText(draft!, field)).toBe("string");
    expect(readConditions(draft!)).toEqual([{ field: "role", op: "in", value: "owner, admin" }]);
  });

  it("takes nothing but an object: a list, text, a number or broken JSON shows no form", () => {
    for (const text of ["[]", '"rule"', "42", "null", "{", "", "{}}"]) expect(parseDraft(text)).toBeNull();
    expect(parseDraft("{}")).toEqual({});
  });
});

describe("definition problems", () => {
  it("tell a missing field from a wrong one, and name a wrong kind with its choices", () => {
    const missing = ruleSchema.safeParse({ kind: "threshold", name: "x", match: { names: ["a"] }, windowMinutes: 5 });
    expect(definitionProblems("rule", missing.error!.issues, {})).toEqual([{ path: "count", field: "count", code: "required", expected: "number" }]);
    const kind = ruleSchema.safeParse({ kind: "nope" });
    expect(definitionProblems("rule", kind.error!.issues, { kind: "nope" })).toEqual([
      { path: "kind", field: "kind", code: "invalid_value", value: "event, threshold, new-value, schedule, sync-health" },
    ]);
    const extra = ruleSchema.safeParse({ kind: "event", name: "x", match: { names: ["a"] }, severity: "loud", colour: 1 });
    expect(definitionProblems("rule", extra.error!.issues, {})).toEqual([
      { path: "severity", field: "severity", code: "invalid_value", value: "info, warning, critical" },
      { path: "", field: "definition", code: "unrecognized_keys", value: "colour" },
    ]);
  });
});
