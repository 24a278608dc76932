/**
 * The events of one name, column by column: the profile slot, the timestamp (epoch ms) and one
 * dictionary-encoded column per top-level property key. Rows are appended; a profile's rows are
 * dropped by setting their slot to -1 (when the profile is reloaded or deleted) and squeezed out
 * once a quarter of the table is dead.
 */
import { DictColumn } from "./dict-column";

const INITIAL_CAPACITY = 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export class EventTable {
  length = 0;
  dead = 0;
  profile: Int32Array;
  ts: Float64Array;
  readonly props = new Map<string, DictColumn>();

  constructor(private capacity = INITIAL_CAPACITY) {
    this.profile = new Int32Array(capacity);
    this.ts = new Float64Array(capacity);
  }

  /** Appends one event of the profile in `slot`. */
  append(slot: number, ts: number, properties: unknown): void {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    const row = this.length++;
    this.profile[row] = slot;
    this.ts[row] = ts;
    if (!isObject(properties)) return;
    for (const key of Object.keys(properties)) {
      let column = this.props.get(key);
      if (!column) this.props.set(key, (column = new DictColumn(this.capacity)));
      column.set(row, properties[key]);
    }
  }

  /** Marks every row whose slot `drop` flags as dead; returns how many. */
  dropSlots(drop: Uint8Array): number {
    const profile = this.profile;
    let n = 0;
    for (let row = 0; row < this.length; row++) {
      const slot = profile[row];
      if (slot >= 0 && drop[slot] === 1) {
        profile[row] = -1;
        n++;
      }
    }
    this.dead += n;
    if (this.dead * 4 > this.length) this.compact();
    return n;
  }

  /** Gives back the room doubling left beyond the rows held, keeping an eighth for appends. */
  trim(): void {
    const capacity = Math.max(INITIAL_CAPACITY, Math.ceil(this.length * 1.125));
    if (capacity >= this.capacity) return;
    this.profile = this.profile.slice(0, capacity);
    this.ts = this.ts.slice(0, capacity);
    this.capacity = capacity;
    for (const column of this.props.values()) column.trim(capacity);
  }

  private grow(capacity: number): void {
    const profile = new Int32Array(capacity);
    profile.set(this.profile);
    const ts = new Float64Array(capacity);
    ts.set(this.ts);
    this.profile = profile;
    this.ts = ts;
    this.capacity = capacity;
    for (const column of this.props.values()) column.grow(capacity);
  }

  /** Squeezes dead rows out, and property values only they held. */
  private compact(): void {
    const newRowOf = new Int32Array(this.length).fill(-1);
    let to = 0;
    for (let row = 0; row < this.length; row++) {
      if (this.profile[row] < 0) continue;
      newRowOf[row] = to;
      this.profile[to] = this.profile[row];
      this.ts[to] = this.ts[row];
      to++;
    }
    for (const [key, column] of this.props) {
      const next = column.compacted(newRowOf, this.length, this.capacity);
      if (next.present === 0) this.props.delete(key);
      else this.props.set(key, next);
    }
    this.length = to;
    this.dead = 0;
  }

  /** Approximate bytes held. */
  bytes(): number {
    let n = this.capacity * 12;
    for (const column of this.props.values()) n += column.bytes();
    return n;
  }
}
