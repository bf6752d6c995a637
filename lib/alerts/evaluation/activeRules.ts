import { jsonOrNull } from "../jsonOrNull";
import { isEventRule, ruleSchema, type EventRule } from "../../alertRules/ruleSchema";
import { preparedStatements, type SqliteConnection } from "../../store/sqlite";
import type { ActiveRule } from "./alertPorts";

interface RuleRow {
  id: number;
  definition: string;
  enabledAt: number | null;
  mutedUntil: number | null;
  updatedAt: number;
}

const prepare = (connection: SqliteConnection) =>
  connection.prepare<[], RuleRow>(
    `SELECT "id", "definition", "enabledAt", "mutedUntil", "updatedAt" FROM "AlertRule" WHERE "enabled" = 1 AND "kind" != 'sync-health'`,
  );

/** Parsed definitions by rule id and version: the store reads the rules for every page. */
const parsed = new Map<string, EventRule | null>();

/**
 * The enabled event rules, read on the caller's connection (inside the page's transaction, so a
 * rule enabled meanwhile applies from the next page on). A definition that no longer parses (an
 * older schema) is left out rather than stopping the sync; the /alerts page shows it as invalid.
 */
export function activeEventRules(connection: SqliteConnection): ActiveRule[] {
  const rows = preparedStatements(connection, prepare).all();
  const out: ActiveRule[] = [];
  for (const row of rows) {
    const key = `${row.id}:${row.updatedAt}`;
    if (!parsed.has(key)) {
      if (parsed.size > 1000) parsed.clear();
      const result = ruleSchema.safeParse(jsonOrNull(row.definition));
      parsed.set(key, result.success && isEventRule(result.data) ? result.data : null);
    }
    const rule = parsed.get(key);
    if (rule) out.push({ id: row.id, rule, enabledAt: row.enabledAt ?? Number.MAX_SAFE_INTEGER, mutedUntil: row.mutedUntil });
  }
  return out;
}
