import type { z } from "zod";
import { fieldPath } from "./rulesFile";

/**
 * What is wrong with a rule's or channel's definition, for the /alerts page to say beside the field
 * in its reader's language: the zod issue's path and code and the bounds or choices it names, never
 * its English message (which stays the rules file's and the logs').
 */
export interface DefinitionProblem {
  /** Where, as the JSON writes it ("match.names[0]"); "" for the definition as a whole. */
  path: string;
  /**
   * The path without its indices, as the catalogue's selector: "match_names" (a rule's field, as the
   * rule form's field keys), "channel_to" (a channel's), "definition" for the definition as a whole.
   */
  field: string;
  code: ProblemCode;
  /** invalid_type: what the field takes ("number", "int", "string", "array", "object", "boolean"). */
  expected?: string;
  /** too_small, too_big: what the bound counts ("string": characters, "array": items, "number"). */
  origin?: string;
  limit?: number;
  /** The choices a field takes, the keys it does not know, or the names refused (comma-separated). */
  value?: string;
}

export const PROBLEM_CODES = [
  "required",
  "invalid_type",
  "too_small",
  "too_big",
  "invalid_value",
  "invalid_format",
  "unrecognized_keys",
  "custom",
  "not_json",
  "too_long",
  "unknown_channel",
  "name_taken",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type DefinitionSubject = "rule" | "channel";

/**
 * "match.data[0].op" → "match_data_op": the catalogue names a field once, whichever item it is. A
 * channel's fields are prefixed, as their names mean other things than a rule's (an email's `to`).
 */
export function fieldSelector(subject: DefinitionSubject, path: readonly PropertyKey[]): string {
  const parts = path.filter((part) => typeof part === "string");
  if (parts.length === 0) return "definition";
  return (subject === "channel" ? ["channel", ...parts] : parts).join("_");
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(", ");

/** One problem per zod issue; `input` is what was parsed, to tell a missing field from a wrong one. */
export function definitionProblems(subject: DefinitionSubject, issues: readonly z.core.$ZodIssue[], input: unknown): DefinitionProblem[] {
  return issues.map((issue) => {
    const where = { path: fieldPath(issue.path), field: fieldSelector(subject, issue.path) };
    switch (issue.code) {
      case "invalid_type":
        if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return { ...where, code: "required", expected: issue.expected };
        return { ...where, code: "invalid_type", expected: issue.expected };
      case "too_small":
        return { ...where, code: "too_small", origin: issue.origin, limit: Number(issue.minimum) };
      case "too_big":
        return { ...where, code: "too_big", origin: issue.origin, limit: Number(issue.maximum) };
      case "invalid_value":
        return { ...where, code: "invalid_value", value: list(issue.values) };
      case "invalid_format":
        return { ...where, code: "invalid_format" };
      case "invalid_union":
        // A discriminated union names the kinds (or types) it takes; any other union is a wrong type.
        if ("options" in issue && Array.isArray(issue.options)) return { ...where, code: "invalid_value", value: list(issue.options) };
        return { ...where, code: "invalid_type" };
      case "unrecognized_keys":
        return { ...where, code: "unrecognized_keys", value: list(issue.keys) };
      default:
        return { ...where, code: "custom" };
    }
  });
}

/** A problem of the definition as a whole (not JSON, too long), or of one field (one the store found). */
export const fieldProblem = (subject: DefinitionSubject, path: string, code: ProblemCode, extra: Partial<DefinitionProblem> = {}): DefinitionProblem => ({
  path,
  field: fieldSelector(subject, path === "" ? [] : path.split(".")),
  code,
  ...extra,
});
