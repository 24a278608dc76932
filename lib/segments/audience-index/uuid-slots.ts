/**
 * Profile ids by slot and slots by profile id, in typed arrays: 16 bytes per id and an
 * open-addressing hash table of slot numbers, instead of a million id strings and a Map on the JS
 * heap (which every full garbage collection of the server would have to trace). Ids order as
 * PostgreSQL orders uuids: byte by byte, the same as their lowercase text.
 */

const HEX = "0123456789abcdef";
const EMPTY = -1;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

export class UuidSlots {
  size = 0;
  private bytes = new Uint8Array(0);
  private table = new Int32Array(0);
  private mask = 0;
  private readonly probe = new Uint8Array(16);

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity * 16);
    this.rehash(capacity * 2);
  }

  /** Writes the 16 bytes of a uuid's text into `into` at `at`; false when it is not a uuid. */
  private static parse(id: string, into: Uint8Array, at: number): boolean {
    if (id.length !== 36) return false;
    let j = 0;
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (id.charCodeAt(i) !== 45) return false;
        continue;
      }
      const hi = hexValue(id.charCodeAt(i++));
      const lo = hexValue(id.charCodeAt(i));
      if (hi < 0 || lo < 0) return false;
      into[at + j++] = (hi << 4) | lo;
    }
    return true;
  }

  private hashAt(bytes: Uint8Array, at: number): number {
    // FNV-1a over the 16 bytes: uuids of other versions (time-ordered ones) are not random in every byte.
    let h = 0x811c9dc5;
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ bytes[at + i], 0x01000193);
    return h & this.mask;
  }

  private equalAt(slot: number, bytes: Uint8Array, at: number): boolean {
    const base = slot * 16;
    for (let i = 0; i < 16; i++) if (this.bytes[base + i] !== bytes[at + i]) return false;
    return true;
  }

  /** The slot of an id, or -1. */
  find(id: string): number {
    if (!UuidSlots.parse(id, this.probe, 0)) return EMPTY;
    for (let h = this.hashAt(this.probe, 0); ; h = (h + 1) & this.mask) {
      const slot = this.table[h];
      if (slot === EMPTY || this.equalAt(slot, this.probe, 0)) return slot;
    }
  }

  /** Adds an id that `find` does not know; returns its slot. */
  add(id: string): number {
    const slot = this.size;
    if ((slot + 1) * 16 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (!UuidSlots.parse(id, this.bytes, slot * 16)) throw new Error(`Not a uuid: "${id}"`);
    this.size++;
    if (this.size * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(slot);
    return slot;
  }

  private place(slot: number): void {
    let h = this.hashAt(this.bytes, slot * 16);
    while (this.table[h] !== EMPTY) h = (h + 1) & this.mask;
    this.table[h] = slot;
  }

  private rehash(length: number): void {
    this.table = new Int32Array(length).fill(EMPTY);
    this.mask = length - 1;
    for (let slot = 0; slot < this.size; slot++) this.place(slot);
  }

  /** The id of a slot, as lowercase text. */
  idAt(slot: number): string {
    let out = "";
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += "-";
      const b = this.bytes[slot * 16 + i];
      out += HEX[b >> 4] + HEX[b & 15];
    }
    return out;
  }

  /** Negative, zero or positive as slot a's id orders before, with or after slot b's. */
  compare(a: number, b: number): number {
    for (let i = 0; i < 16; i++) {
      const d = this.bytes[a * 16 + i] - this.bytes[b * 16 + i];
      if (d !== 0) return d;
    }
    return 0;
  }

  bytesHeld(): number {
    return this.bytes.byteLength + this.table.byteLength;
  }
}
