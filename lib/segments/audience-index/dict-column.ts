/**
 * One JSON key of many rows (a trait of every profile, a property of every event of one name),
 * dictionary-encoded: each distinct value is stored once and rows hold its code, -1 where the key
 * is absent. A rule's test then runs once per distinct value instead of once per row, with the
 * TypeScript engine's own value tests, so the index cannot drift from `evaluate`'s meaning.
 *
 * Rows are kept sparse (a Map) while few of them have the key, and dense (an Int32Array) once
 * more than one in SPARSE_SHARE do: a workspace with hundreds of rare trait keys then costs memory
 * by what is present, not keys × rows.
 */

/** Below one in this many rows present, a column stays sparse. */
const SPARSE_SHARE = 16;

export class DictColumn {
  /** Distinct values; a value's index is its code. */
  readonly values: unknown[] = [];
  private readonly scalars = new Map<unknown, number>();
  private readonly objects = new Map<string, number>();
  private dense: Int32Array | null = null;
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
    if (this.dense) return this.dense[row];
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
      this.dense[row] = code;
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
    const next = new Int32Array(capacity).fill(-1);
    next.set(this.dense);
    this.dense = next;
  }

  /** Gives back room beyond `capacity` rows (after a build, when tables stop growing by doubling). */
  trim(capacity: number): void {
    if (capacity >= this.capacity) return;
    this.capacity = capacity;
    if (this.dense) this.dense = this.dense.slice(0, capacity);
  }

  private densify(): void {
    const dense = new Int32Array(this.capacity).fill(-1);
    for (const [row, code] of this.sparse!) dense[row] = code;
    this.dense = dense;
    this.sparse = null;
  }

  /**
   * Calls `fn(row, code)` for every row holding a value, in no particular order. Dense columns
   * hand over their array instead (`dense`), so hot loops index it directly.
   */
  forEachPresent(fn: (row: number, code: number) => void, length: number): void {
    if (this.dense) {
      const codes = this.dense;
      for (let row = 0; row < length; row++) if (codes[row] >= 0) fn(row, codes[row]);
      return;
    }
    for (const [row, code] of this.sparse!) if (row < length) fn(row, code);
  }

  /** The dense codes, or null while the column is sparse. */
  get denseCodes(): Int32Array | null {
    return this.dense;
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
