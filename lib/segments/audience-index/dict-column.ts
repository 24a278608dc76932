/**
 * One JSON key of many rows (a trait of every profile, a property of every event of one name),
 * dictionary-encoded: each distinct value is stored once and rows hold its code, -1 where the key
 * is absent. A rule's test then runs once per distinct value instead of once per row, with the
 * TypeScript engine's own value tests, so the index cannot drift from `evaluate`'s meaning.
 *
 * Rows are kept sparse (a Map) while few of them have the key, and dense once more than one in
 * SPARSE_SHARE do: a workspace with hundreds of rare trait keys then costs memory by what is
 * present, not keys × rows. Dense rows hold code + 1 (0: absent) in one byte while the dictionary
 * has under 255 values, two under 65,535, four beyond — most columns (countries, categories,
 * plans) take a byte per row.
 */

/** Below one in this many rows present, a column stays sparse. */
const SPARSE_SHARE = 16;

type Codes = Uint8Array | Uint16Array | Int32Array;

/** The narrowest array holding code + 1 for `distinct` values, with room for `capacity` rows. */
function codesFor(distinct: number, capacity: number): Codes {
  if (distinct < 0xff) return new Uint8Array(capacity);
  if (distinct < 0xffff) return new Uint16Array(capacity);
  return new Int32Array(capacity);
}

const limitOf = (codes: Codes) => (codes instanceof Uint8Array ? 0xff : codes instanceof Uint16Array ? 0xffff : 0x7fffffff);

export class DictColumn {
  /** Distinct values; a value's index is its code. */
  readonly values: unknown[] = [];
  private readonly scalars = new Map<unknown, number>();
  private readonly objects = new Map<string, number>();
  /** code + 1 per row, 0 where absent. */
  private dense: Codes | null = null;
  /** The largest code + 1 `dense` can hold. */
  private denseLimit = 0;
  private sparse: Map<number, number> | null = new Map();
  /** Rows holding a value (not -1). */
  present = 0;

  constructor(private capacity: number) {}

  /** The code of a value, adding it to the dictionary when new. */
  intern(value: unknown): number {
    const isObject = typeof value === "object" && value !== null;
    const key = isObject ? JSON.stringify(value) : value;
    const map = isObject ? this.objects : this.scalars;
    let code = map.get(key as never);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      map.set(key as never, code);
    }
    return code;
  }

  /** The row's code, -1 when the row does not have the key. */
  codeAt(row: number): number {
    if (this.dense) return this.dense[row] - 1;
    return this.sparse!.get(row) ?? -1;
  }

  /** Sets the row's value (`undefined` removes it). */
  set(row: number, value: unknown): void {
    this.setCode(row, value === undefined ? -1 : this.intern(value));
  }

  setCode(row: number, code: number): void {
    const before = this.codeAt(row);
    if (before === code) return;
    if (before < 0) this.present++;
    else if (code < 0) this.present--;
    if (this.dense) {
      if (code + 1 >= this.denseLimit) this.widen();
      this.dense[row] = code + 1;
      return;
    }
    if (code < 0) this.sparse!.delete(row);
    else this.sparse!.set(row, code);
    if (this.present * SPARSE_SHARE > this.capacity) this.densify();
  }

  /** Room for `capacity` rows (never shrinks). */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    if (!this.dense) return;
    this.setDense(codesFor(this.values.length, capacity), this.dense);
  }

  private setDense(next: Codes, from: Codes | null): void {
    if (from) next.set(from);
    this.dense = next;
    this.denseLimit = limitOf(next);
  }

  /** Moves dense codes to the next wider array (the dictionary outgrew the current one). */
  private widen(): void {
    this.setDense(codesFor(this.denseLimit, this.capacity), this.dense);
  }

  /** Gives back room beyond `capacity` rows (after a build, when tables stop growing by doubling). */
  trim(capacity: number): void {
    if (capacity >= this.capacity) return;
    this.capacity = capacity;
    if (this.dense) this.setDense(this.dense.slice(0, capacity), null);
  }

  private densify(): void {
    const dense = codesFor(this.values.length, this.capacity);
    for (const [row, code] of this.sparse!) dense[row] = code + 1;
    this.setDense(dense, null);
    this.sparse = null;
  }

  /** Calls `fn(row, code)` for every row below `length` holding a value, in no particular order. */
  forEachPresent(fn: (row: number, code: number) => void, length: number): void {
    if (this.dense) {
      const codes = this.dense;
      for (let row = 0; row < length; row++) if (codes[row] !== 0) fn(row, codes[row] - 1);
      return;
    }
    for (const [row, code] of this.sparse!) if (row < length) fn(row, code);
  }

  /**
   * Each row's answer, for rows [0, length): `answers[code]` where the row has a value, `missing`
   * where it has not; written into `out` (`and`: combined with what `out` holds).
   */
  answerRows(out: Uint8Array, length: number, answers: Uint8Array, missing: boolean, and: boolean): void {
    const absent = missing ? 1 : 0;
    if (this.dense) {
      // One table lookup per row, no branch: lookup[code + 1], with lookup[0] for absent rows.
      const lookup = new Uint8Array(answers.length + 1);
      lookup[0] = absent;
      lookup.set(answers, 1);
      const codes = this.dense;
      if (and) for (let row = 0; row < length; row++) out[row] &= lookup[codes[row]];
      else for (let row = 0; row < length; row++) out[row] = lookup[codes[row]];
      return;
    }
    if (!and) {
      out.fill(absent, 0, length);
      for (const [row, code] of this.sparse!) if (row < length) out[row] = answers[code];
      return;
    }
    if (missing) {
      for (const [row, code] of this.sparse!) if (row < length) out[row] &= answers[code];
      return;
    }
    // Absent rows fail: only present rows can keep a 1.
    const keep = new Uint8Array(length);
    for (const [row, code] of this.sparse!) if (row < length) keep[row] = out[row] & answers[code];
    out.set(keep.subarray(0, length));
  }

  /** A copy holding only the rows `newRowOf` keeps (at their new numbers), with a fresh dictionary. */
  compacted(newRowOf: Int32Array, length: number, capacity: number): DictColumn {
    const next = new DictColumn(capacity);
    this.forEachPresent((row, code) => {
      const to = newRowOf[row];
      if (to >= 0) next.set(to, this.values[code]);
    }, length);
    return next;
  }

  /** Approximate bytes held, for the index's size limit. */
  bytes(): number {
    return (this.dense ? this.dense.byteLength : this.present * 40) + this.values.length * 48;
  }
}
