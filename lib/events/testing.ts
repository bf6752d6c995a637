/**
 * Fixtures for tests of the explorer's queries: Parsec events built to order (stored by seedEvents
 * in lib/ingest/testing.ts); and a CSV reader to check exports with (the unit tests' and the
 * browser tests'). Only tests import this file.
 */

export interface TestEvent {
  id: string;
  name: string;
  timestamp: string;
  user_id: number;
  team_id: string;
  data: Record<string, unknown>;
  user_email?: string;
}

export const TEST_TEAM_ID = "1sn61992rNstjlDoJWnFXRRkxPZ";

export function makeEvent(fields: Partial<TestEvent> & Pick<TestEvent, "id" | "timestamp">): TestEvent {
  return { name: "client_disconnect", user_id: 1, team_id: TEST_TEAM_ID, data: {}, ...fields };
}

/** A deterministic pseudo-random sequence, so a failing test fails the same way again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** RFC 4180: commas, double quotes doubled inside quoted fields, which may span lines; a leading BOM is no part of the first cell, as for Excel. */
export function parseCsv(withBom: string): string[][] {
  const text = withBom.startsWith("\uFEFF") ? withBom.slice(1) : withBom;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
