import type { DefinitionProblem } from "./definitionProblems";
import { GROUP_FIELDS, SEVERITIES, SYNC_HEALTH_CONDITIONS, WEEKDAYS, dataConditionSchema, type RuleKind } from "./ruleSchema";

/**
 * The /alerts page's structured rule form, without React: which fields each kind has, how a
 * field reads its value out of the definition and writes what was typed back into it. The form
 * edits the very JSON object the definition editor shows, so both are one definition: whatever
 * the form has no field for is kept as it is, and the JSON it produces goes through the rule
 * schema on the server like any typed definition. What was typed is written as typed (a "1.5" in
 * a count, an empty name), so that the schema's problem lands beside the field.
 */

export type RuleDraft = Record<string, unknown>;

type Control =
  | { control: "text" }
  | { control: "number" }
  /** Comma-separated text items. */
  | { control: "list" }
  /** Comma-separated Parsec user ids. */
  | { control: "ids" }
  | { control: "select"; options: readonly string[] }
  | { control: "checkbox" }
  /** Several of a set: the page supplies the choices when they are not fixed (channels). */
  | { control: "choices"; options: readonly string[] }
  | { control: "conditions" };

export type FormField = Control & {
  /** The catalogue's selector, the same as a problem's field (lib/alertRules/definitionProblems.ts). */
  key: string;
  path: readonly string[];
  /** Left empty, the field is left out of the definition (the schema's default or "any" applies). */
  optional: boolean;
};

export const RULE_KINDS = ["event", "threshold", "new-value", "schedule", "sync-health"] as const satisfies readonly RuleKind[];
export const CONDITION_OPS = dataConditionSchema.shape.op.options;
const EXITS = ["success", "failure"] as const;
const NEW_VALUES = ["ip", "ip-prefix", "host"] as const;

const field = (path: string, control: Control, optional = false): FormField => ({
  ...control,
  key: path.replaceAll(".", "_"),
  path: path.split("."),
  optional,
});

const COMMON: FormField[] = [
  field("name", { control: "text" }),
  field("description", { control: "text" }, true),
  field("severity", { control: "select", options: SEVERITIES }),
  field("channels", { control: "choices", options: [] }),
  field("enabled", { control: "checkbox" }),
  field("cooldownMinutes", { control: "number" }, true),
];

const MATCH: FormField[] = [
  field("match.names", { control: "list" }),
  field("match.users", { control: "ids" }, true),
  field("match.notUsers", { control: "ids" }, true),
  field("match.hosts", { control: "list" }, true),
  field("match.exit", { control: "select", options: EXITS }, true),
  field("match.data", { control: "conditions" }, true),
];

const KIND_FIELDS: Record<RuleKind, FormField[]> = {
  event: MATCH,
  threshold: [
    field("count", { control: "number" }),
    field("windowMinutes", { control: "number" }),
    field("groupBy", { control: "select", options: GROUP_FIELDS }, true),
    ...MATCH,
  ],
  "new-value": [
    field("value", { control: "select", options: NEW_VALUES }),
    field("groupBy", { control: "select", options: ["user", "host"] }, true),
    field("lookbackDays", { control: "number" }, true),
    ...MATCH,
  ],
  schedule: [
    field("zone", { control: "text" }),
    field("days", { control: "choices", options: WEEKDAYS }),
    field("from", { control: "text" }),
    field("to", { control: "text" }),
    ...MATCH,
  ],
  "sync-health": [field("condition", { control: "select", options: SYNC_HEALTH_CONDITIONS }), field("threshold", { control: "number" }, true)],
};

export const isRuleKind = (kind: unknown): kind is RuleKind => RULE_KINDS.includes(kind as RuleKind);

/** The fields the form shows for a kind: the common ones first, then the kind's own. */
export function formFields(kind: RuleKind): FormField[] {
  return [...COMMON, ...KIND_FIELDS[kind]];
}

/**
 * How deep a draft's JSON may nest for the form to show it. A rule nests five levels at most
 * (match.data[0].value[0]); the form's fields write values as text, and text of a value nested
 * some thousands deep overflows the stack (what a paste of anything could hold).
 */
const MAX_DRAFT_DEPTH = 16;

/** Whether `value` nests deeper than `limit` objects and arrays, found without recursion. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
  }
  return false;
}

/** The definition as the form can edit it: a JSON object, or null (the JSON must be fixed first). */
export function parseDraft(text: string): RuleDraft | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value) || nestsDeeperThan(value, MAX_DRAFT_DEPTH)) return null;
    return value as RuleDraft;
  } catch {
    return null;
  }
}

export const draftText = (draft: RuleDraft): string => JSON.stringify(draft, null, 2);

function valueAt(draft: RuleDraft, path: readonly string[]): unknown {
  let value: unknown = draft;
  for (const part of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as RuleDraft)[part];
  }
  return value;
}

/** A copy of the draft with the value at path replaced, or taken out when undefined. */
function withValue(draft: RuleDraft, path: readonly string[], value: unknown): RuleDraft {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...draft };
  if (rest.length > 0) {
    const inner = copy[head];
    copy[head] = withValue(typeof inner === "object" && inner !== null && !Array.isArray(inner) ? (inner as RuleDraft) : {}, rest, value);
  } else if (value === undefined) delete copy[head];
  else copy[head] = value;
  return copy;
}

const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
const joinList = (value: unknown) => (Array.isArray(value) ? value.map((item) => String(item)).join(", ") : value === undefined ? "" : String(value));
const asNumber = (text: string) => (Number.isFinite(Number(text)) ? Number(text) : text);

/** What a text, number, list or select field shows. */
export function readText(draft: RuleDraft, field: FormField): string {
  const value = valueAt(draft, field.path);
  if (field.control === "list" || field.control === "ids") return joinList(value);
  return value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
}

export const readChecked = (draft: RuleDraft, field: FormField): boolean => valueAt(draft, field.path) === true;

export function readChoices(draft: RuleDraft, field: FormField): string[] {
  const value = valueAt(draft, field.path);
  return Array.isArray(value) ? value.map((item) => String(item)) : [];
}

/** The draft with what was typed into a field (text), ticked (boolean) or chosen (several). */
export function writeField(draft: RuleDraft, field: FormField, input: string | boolean | string[]): RuleDraft {
  if (typeof input === "boolean" || Array.isArray(input)) return withValue(draft, field.path, input);
  const empty = input.trim() === "";
  if (empty && field.optional) return withValue(draft, field.path, undefined);
  switch (field.control) {
    case "number":
      return withValue(draft, field.path, empty ? undefined : asNumber(input.trim()));
    case "list":
      return withValue(draft, field.path, splitList(input));
    case "ids":
      // A token that is not a number stays text, for the schema to name it.
      return withValue(
        draft,
        field.path,
        splitList(input).map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
      );
    default:
      return withValue(draft, field.path, input);
  }
}

/** One `data` condition as the form's row shows it. */
export interface ConditionRow {
  field: string;
  op: string;
  value: string;
}

const CONDITIONS_PATH = ["match", "data"];
const conditionsOf = (draft: RuleDraft): unknown[] => {
  const value = valueAt(draft, CONDITIONS_PATH);
  return Array.isArray(value) ? value : [];
};

const FIELD_PART = field("field", { control: "text" });
const OP_PART = field("op", { control: "text" });

export function readConditions(draft: RuleDraft): ConditionRow[] {
  return conditionsOf(draft).map((item) => {
    const condition = typeof item === "object" && item !== null ? (item as RuleDraft) : {};
    return { field: readText(condition, FIELD_PART), op: readText(condition, OP_PART), value: joinList(condition.value) };
  });
}

/** A condition's value as its operator takes it: a list for in/not-in, none for exists/missing. */
function conditionValue(op: string, text: string): unknown {
  if (op === "exists" || op === "missing") return undefined;
  if (op === "in" || op === "not-in") return splitList(text);
  return text;
}

export function writeCondition(draft: RuleDraft, index: number, row: ConditionRow): RuleDraft {
  const conditions = [...conditionsOf(draft)];
  const value = conditionValue(row.op, row.value);
  conditions[index] = { field: row.field, op: row.op, ...(value === undefined ? {} : { value }) };
  return withValue(draft, CONDITIONS_PATH, conditions);
}

export function addCondition(draft: RuleDraft): RuleDraft {
  return writeCondition(draft, conditionsOf(draft).length, { field: "", op: "equals", value: "" });
}

export function removeCondition(draft: RuleDraft, index: number): RuleDraft {
  const conditions = conditionsOf(draft).filter((_, i) => i !== index);
  return withValue(draft, CONDITIONS_PATH, conditions.length > 0 ? conditions : undefined);
}

const KEPT_ACROSS_KINDS = ["name", "description", "severity", "channels", "enabled", "cooldownMinutes"];

/**
 * Another kind for the rule: what every kind has (and the event filter, when the new kind has one)
 * stays as it was; the new kind's own fields start from its template.
 */
export function changeKind(draft: RuleDraft, kind: RuleKind, template: RuleDraft): RuleDraft {
  const next: RuleDraft = { ...template, kind };
  for (const key of KEPT_ACROSS_KINDS) {
    if (key in draft) next[key] = draft[key];
    else delete next[key];
  }
  if (kind !== "sync-health" && typeof draft.match === "object" && draft.match !== null) next.match = draft.match;
  return next;
}

/** The problems no field of the form shows beside itself (a field it has no control for, the definition as a whole). */
export function problemsWithoutField(draft: RuleDraft, problems: readonly DefinitionProblem[]): DefinitionProblem[] {
  const keys = new Set(["kind", ...(isRuleKind(draft.kind) ? formFields(draft.kind).map((f) => f.key) : [])]);
  const conditions = keys.has("match_data");
  return problems.filter((p) => !keys.has(p.field) && !(conditions && p.field.startsWith("match_data")));
}
