import { encodeKsuid, KSUID_WORDS } from "./ksuid";

/**
 * The served events as columns of typed arrays, kept sorted by id: about 40 bytes an event, no
 * strings and no per-event objects, so a million events cost ~40 MB and no GC pressure. An event's
 * JSON is regenerated from (flow, step) when it is served.
 *
 * Sorted order lets a cursor be found by binary search and a time filter be narrowed to a slice,
 * because an id starts with its event's second.
 */

/** The step number that marks a malformed event; `flow` then indexes the malformed list. */
export const MALFORMED_STEP = 255;
/** The step number of an event injected by a scenario (scenarios.ts); `flow` is unused, the log keeps its JSON. */
export const INJECTED_STEP = 254;

export interface EventRow {
  /** Id as five big-endian words. */
  id: Uint32Array;
  us: number;
  flow: number;
  step: number;
  userId: number;
  nameIndex: number;
}

export class EventStore {
  length = 0;
  ids: Uint32Array;
  us: Float64Array;
  flow: Uint32Array;
  step: Uint8Array;
  user: Int32Array;
  name: Uint16Array;

  constructor(capacity = 1024) {
    this.ids = new Uint32Array(capacity * KSUID_WORDS);
    this.us = new Float64Array(capacity);
    this.flow = new Uint32Array(capacity);
    this.step = new Uint8Array(capacity);
    this.user = new Int32Array(capacity);
    this.name = new Uint16Array(capacity);
  }

  get capacity(): number {
    return this.us.length;
  }

  /** Appends without keeping order; call sort() before serving. Used while generating. */
  push(row: EventRow): void {
    if (this.length === this.capacity) this.reserve(this.length + 1);
    this.write(this.length++, row);
  }

  /** Sorts all rows by id. */
  sort(): void {
    const n = this.length;
    const ids = this.ids;
    const perm = new Uint32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    perm.sort((a, b) => {
      const pa = a * KSUID_WORDS;
      const pb = b * KSUID_WORDS;
      for (let k = 0; k < KSUID_WORDS; k++) {
        const d = (ids[pa + k] as number) - (ids[pb + k] as number);
        if (d !== 0) return d;
      }
      return 0;
    });
    // Permute one column at a time so that only one extra column is alive at once.
    this.ids = permuteWords(this.ids, perm, n);
    this.us = permute(this.us, perm, n, new Float64Array(this.capacity));
    this.flow = permute(this.flow, perm, n, new Uint32Array(this.capacity));
    this.step = permute(this.step, perm, n, new Uint8Array(this.capacity));
    this.user = permute(this.user, perm, n, new Int32Array(this.capacity));
    this.name = permute(this.name, perm, n, new Uint16Array(this.capacity));
  }

  /**
   * Merges rows (sorted by id among themselves) into the sorted store. One backward pass moves only
   * the events after the first insertion point: appending "now" touches almost nothing.
   */
  insertSorted(rows: EventRow[]): void {
    if (rows.length === 0) return;
    this.reserve(this.length + rows.length);
    let read = this.length - 1;
    let write = this.length + rows.length - 1;
    for (let j = rows.length - 1; j >= 0; j--) {
      const row = rows[j] as EventRow;
      while (read >= 0 && this.compareAt(read, row.id) > 0) this.move(read--, write--);
      this.write(write--, row);
    }
    this.length += rows.length;
  }

  /** Sign of (id at position i) - id. */
  compareAt(i: number, id: Uint32Array): number {
    const base = i * KSUID_WORDS;
    for (let k = 0; k < KSUID_WORDS; k++) {
      const d = (this.ids[base + k] as number) - (id[k] as number);
      if (d !== 0) return d;
    }
    return 0;
  }

  /** First position whose id is >= id. */
  lowerBound(id: Uint32Array): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of an id, or -1. */
  indexOf(id: Uint32Array): number {
    const i = this.lowerBound(id);
    return i < this.length && this.compareAt(i, id) === 0 ? i : -1;
  }

  /** First position whose id's second is >= seconds. */
  lowerBoundSeconds(seconds: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid * KSUID_WORDS] as number) < seconds) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  idAt(i: number): string {
    return encodeKsuid(this.ids, i * KSUID_WORDS);
  }

  private write(i: number, row: EventRow): void {
    this.ids.set(row.id, i * KSUID_WORDS);
    this.us[i] = row.us;
    this.flow[i] = row.flow;
    this.step[i] = row.step;
    this.user[i] = row.userId;
    this.name[i] = row.nameIndex;
  }

  private move(from: number, to: number): void {
    this.ids.copyWithin(to * KSUID_WORDS, from * KSUID_WORDS, (from + 1) * KSUID_WORDS);
    this.us[to] = this.us[from] as number;
    this.flow[to] = this.flow[from] as number;
    this.step[to] = this.step[from] as number;
    this.user[to] = this.user[from] as number;
    this.name[to] = this.name[from] as number;
  }

  /** Grows by a quarter at least, so a live feed appending a few events at a time stays cheap. */
  private reserve(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.25), 1024);
    this.ids = grow(this.ids, capacity * KSUID_WORDS);
    this.us = grow(this.us, capacity);
    this.flow = grow(this.flow, capacity);
    this.step = grow(this.step, capacity);
    this.user = grow(this.user, capacity);
    this.name = grow(this.name, capacity);
  }
}

type Column = Float64Array | Uint32Array | Uint8Array | Int32Array | Uint16Array;

function grow<T extends Column>(column: T, length: number): T {
  const next = new (column.constructor as new (n: number) => T)(length);
  next.set(column);
  return next;
}

function permute<T extends Column>(column: T, perm: Uint32Array, n: number, out: T): T {
  for (let i = 0; i < n; i++) out[i] = column[perm[i] as number] as number;
  return out;
}

function permuteWords(ids: Uint32Array, perm: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(ids.length);
  for (let i = 0; i < n; i++) {
    const from = (perm[i] as number) * KSUID_WORDS;
    const to = i * KSUID_WORDS;
    for (let k = 0; k < KSUID_WORDS; k++) out[to + k] = ids[from + k] as number;
  }
  return out;
}
