import { createHash } from "node:crypto";

/**
 * How deep an event may nest and how long one of its strings may be. V8's JSON.parse reads any
 * depth without recursing, but JSON.stringify, zod and every recursive walk after it overflow the
 * stack long before that: one hostile event would fail its whole page or file. Parsec's events are
 * flat (`data` holds scalars), so these bounds sit far above anything Parsec sends; an event beyond
 * them is quarantined with the reason, never stored as an event and never dropped.
 * Checked for every event where it is validated (lib/events/eventRow.ts, shared by the sync and the
 * import) and, for a whole document, where the import parses it (lib/ingest/importEvents.ts).
 */
export const EVENT_BOUNDS = {
  /** Levels of objects and arrays, the event's own object being the first. */
  maxDepth: 64,
  /** Characters of one string, object keys included. */
  maxStringChars: 64 * 1024,
} as const;

/**
 * Characters of a quarantined item's raw JSON that are kept: beyond them it is cut, and the reason
 * says so. A quarantine row is for a person to read, not a second copy of a hostile upload.
 */
export const QUARANTINE_RAW_MAX_CHARS = 4 * 1024 * 1024;

export interface JsonShape {
  /** 0 for a scalar, 1 for `{}` or `[]`, 2 for `{"a": {}}`... */
  depth: number;
  longestString: number;
  /** The top-level key under which the deepest level and the longest string lie ("" for the value itself). */
  deepestIn: string;
  longestIn: string;
}

/** How deep `value` nests and how long its longest string is, walked without recursion: any depth is measured. */
export function measureJson(value: unknown): JsonShape {
  const shape: JsonShape = { depth: 0, longestString: 0, deepestIn: "", longestIn: "" };
  // Every event passes through here: plain loops and stacks, nothing allocated per member.
  const nodes: object[] = [];
  const depths: number[] = [];
  const fields: string[] = [];
  const see = (child: unknown, depth: number, field: string) => {
    if (typeof child === "string") {
      if (child.length > shape.longestString) {
        shape.longestString = child.length;
        shape.longestIn = field;
      }
    } else if (child !== null && typeof child === "object") {
      nodes.push(child);
      depths.push(depth);
      fields.push(field);
    }
  };
  see(value, 1, "");
  const rootIsObject = nodes.length > 0 && !Array.isArray(value);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    const field = fields.pop()!;
    if (depth > shape.depth) {
      shape.depth = depth;
      shape.deepestIn = field;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) see(node[i], depth + 1, field);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const under = depth === 1 && rootIsObject ? key : field;
      see(key, depth, under);
      see(record[key], depth + 1, under);
    }
  }
  return shape;
}

/**
 * Why an event lies outside EVENT_BOUNDS ("the event nests 2,000,002 levels deep (in `data`); at
 * most 64 are accepted"), or null when it lies within them.
 */
export function boundsViolation(value: unknown): string | null {
  const shape = measureJson(value);
  const where = (field: string) => (field === "" ? "" : ` (in \`${field}\`)`);
  if (shape.depth > EVENT_BOUNDS.maxDepth) {
    return `the event nests ${count(shape.depth)} levels deep${where(shape.deepestIn)}; at most ${count(EVENT_BOUNDS.maxDepth)} are accepted`;
  }
  if (shape.longestString > EVENT_BOUNDS.maxStringChars) {
    return `the event holds a string of ${count(shape.longestString)} characters${where(shape.longestIn)}; at most ${count(EVENT_BOUNDS.maxStringChars)} are accepted`;
  }
  return null;
}

export interface QuarantineRaw {
  /** The raw text (JSON.stringify's, for a value), or its first `maxChars` characters. */
  text: string;
  /** Characters of the whole text: more than `text.length` when it was cut. */
  totalChars: number;
  /** SHA-256 of the whole text, cut or not: two values that are cut alike remain two. */
  sha256: string;
}

/**
 * A value as JSON text for the quarantine, whatever its depth and size: the same text as
 * JSON.stringify where that works, written without recursion, never throwing, kept up to
 * `maxChars` characters. (Values that are not JSON come out as JSON.stringify would write them;
 * a cycle, which parsed JSON never has, is written as the string "[cycle]".)
 */
export function quarantineJson(value: unknown, maxChars: number = QUARANTINE_RAW_MAX_CHARS): QuarantineRaw {
  const hash = createHash("sha256");
  const kept: string[] = [];
  let keptChars = 0;
  let totalChars = 0;
  const emit = (piece: string) => {
    hash.update(piece);
    totalChars += piece.length;
    if (keptChars >= maxChars) return;
    const part = piece.length <= maxChars - keptChars ? piece : piece.slice(0, maxChars - keptChars);
    kept.push(part);
    keptChars += part.length;
  };

  interface Frame {
    node: object;
    /** null for an array. */
    keys: string[] | null;
    next: number;
    wroteOne: boolean;
  }
  const stack: Frame[] = [];
  const open = new Set<object>();
  const write = (raw: unknown, key: string) => {
    const item = jsonValue(raw, key);
    if (item === null || typeof item !== "object") {
      emit(scalarJson(item) ?? "null");
    } else if (open.has(item)) {
      emit('"[cycle]"');
    } else {
      open.add(item);
      const keys = Array.isArray(item) ? null : Object.keys(item);
      emit(keys === null ? "[" : "{");
      stack.push({ node: item, keys, next: 0, wroteOne: false });
    }
  };

  const root = jsonValue(value, "");
  if (root === undefined || typeof root === "function" || typeof root === "symbol") {
    emit(String(root));
  } else {
    write(root, "");
  }
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const record = frame.node as Record<string, unknown>;
    if (frame.keys === null) {
      const items = frame.node as unknown[];
      if (frame.next < items.length) {
        if (frame.next > 0) emit(",");
        const index = frame.next++;
        write(items[index], String(index));
        continue;
      }
    } else {
      while (frame.next < frame.keys.length && isOmitted(jsonValue(record[frame.keys[frame.next]!], frame.keys[frame.next]!))) frame.next += 1;
      if (frame.next < frame.keys.length) {
        const key = frame.keys[frame.next++]!;
        emit(`${frame.wroteOne ? "," : ""}${JSON.stringify(key)}:`);
        frame.wroteOne = true;
        write(record[key], key);
        continue;
      }
    }
    emit(frame.keys === null ? "]" : "}");
    open.delete(frame.node);
    stack.pop();
  }
  return { text: wholeCharacters(kept.join(""), totalChars), totalChars, sha256: hash.digest("hex") };
}

/** Text that was not even JSON (an NDJSON line), for the quarantine: kept up to `maxChars`, hashed whole. */
export function quarantineText(text: string, maxChars: number = QUARANTINE_RAW_MAX_CHARS): QuarantineRaw {
  const kept = text.length > maxChars ? text.slice(0, maxChars) : text;
  return { text: wholeCharacters(kept, text.length), totalChars: text.length, sha256: createHash("sha256").update(text).digest("hex") };
}

/** What a quarantine reason adds when the raw text was cut ("" when it is whole). */
export function describeCut(raw: QuarantineRaw): string {
  return raw.totalChars > raw.text.length ? `; its raw text is cut to the first ${count(raw.text.length)} of its ${count(raw.totalChars)} characters` : "";
}

/** A cut between the two halves of a surrogate pair would leave half a character. */
function wholeCharacters(kept: string, totalChars: number): string {
  return totalChars > kept.length && /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
}

/** What JSON.stringify writes in place of `value` (a Date's toJSON, say). */
function jsonValue(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === "function" ? (toJSON as (key: string) => unknown).call(value, key) : value;
}

/** A member JSON.stringify leaves out of an object (and writes as null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function scalarJson(value: unknown): string | undefined {
  return typeof value === "bigint" ? String(value) : JSON.stringify(value);
}

const count = (n: number) => n.toLocaleString("en");
