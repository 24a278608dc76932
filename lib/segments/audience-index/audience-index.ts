/**
 * A workspace's profiles and events held column by column in memory, so a rule is counted by
 * scanning typed arrays instead of asking the database to visit every profile (see
 * docs/segments-performance.md, "The audience index"). Each profile has a slot; slots of deleted
 * profiles stay, flagged dead. Traits and last-known context are one dictionary column per
 * top-level key; events are one table per event name. Kept current profile by profile from
 * change notifications (registry.ts): `replaceProfiles` swaps a profile's row and all its events.
 */
import type { ProfileRow } from "@/lib/membership/load-facts";
import { DictColumn } from "./dict-column";
import { EventTable } from "./event-table";
import { UuidSlots } from "./uuid-slots";

export type { ProfileRow };

export interface EventRow {
  profile_id: string;
  event: string;
  ts_ms: number;
  properties: unknown;
}

const INITIAL_SLOTS = 1024;

export class AudienceIndex {
  /** Slots in use, dead ones included. */
  size = 0;
  /** Profiles alive. */
  alive = 0;
  private capacity = INITIAL_SLOTS;
  userIds: (string | null)[] = [];
  isAlive = new Uint8Array(INITIAL_SLOTS);
  firstSeen = new Float64Array(INITIAL_SLOTS);
  lastSeen = new Float64Array(INITIAL_SLOTS);
  readonly traits = new Map<string, DictColumn>();
  readonly context = new Map<string, DictColumn>();
  readonly events = new Map<string, EventTable>();
  private readonly slotOf = new UuidSlots(INITIAL_SLOTS);
  private readonly scratchBuffers = new Map<string, ArrayBuffer>();
  private lastEventProfile: string | null = null;
  private lastEventSlot = -1;

  constructor(readonly workspaceId: string) {}

  /** The profile id of a slot. */
  idOf(slot: number): string {
    return this.slotOf.idAt(slot);
  }

  /** Orders slots by profile id, as the database orders ids. */
  compareIds(a: number, b: number): number {
    return this.slotOf.compare(a, b);
  }

  /** Adds or overwrites a profile's row (not its events); returns its slot. */
  putProfile(row: ProfileRow): number {
    let slot = this.slotOf.find(row.id);
    const fresh = slot < 0;
    if (fresh) {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      slot = this.slotOf.add(row.id);
      this.size++;
    }
    if (this.isAlive[slot] === 0) {
      this.isAlive[slot] = 1;
      this.alive++;
    }
    this.userIds[slot] = row.user_id;
    this.firstSeen[slot] = Number(row.first_seen_ms);
    this.lastSeen[slot] = Number(row.last_seen_ms);
    putJson(this.traits, slot, row.traits, this.capacity, !fresh);
    putJson(this.context, slot, row.context, this.capacity, !fresh);
    return slot;
  }

  /** Appends an event of a profile the index holds; events of unknown profiles are skipped. */
  putEvent(row: EventRow): void {
    // Builds read events grouped by profile: most rows name the previous row's profile.
    const slot = row.profile_id === this.lastEventProfile ? this.lastEventSlot : this.slotOf.find(row.profile_id);
    this.lastEventProfile = row.profile_id;
    this.lastEventSlot = slot;
    if (slot < 0 || this.isAlive[slot] === 0) return;
    this.appendEvent(slot, row);
  }

  private appendEvent(slot: number, row: EventRow): void {
    let table = this.events.get(row.event);
    if (!table) this.events.set(row.event, (table = new EventTable()));
    table.append(slot, Number(row.ts_ms), row.properties);
  }

  /**
   * Replaces what the index holds of `ids` with `rows` and `events` read from the database: ids
   * without a row were deleted (or merged away); the others get their row and exactly `events`.
   */
  replaceProfiles(ids: readonly string[], rows: readonly ProfileRow[], events: readonly EventRow[]): void {
    this.lastEventProfile = null;
    const drop = new Uint8Array(this.size);
    let any = false;
    for (const id of ids) {
      const slot = this.slotOf.find(id);
      if (slot < 0) continue;
      drop[slot] = 1;
      any = true;
    }
    if (any) for (const table of this.events.values()) table.dropSlots(drop);
    const found = new Set<string>();
    for (const row of rows) {
      this.putProfile(row);
      found.add(row.id);
    }
    for (const id of ids) {
      const slot = this.slotOf.find(id);
      if (slot >= 0 && !found.has(id) && this.isAlive[slot] === 1) this.kill(slot);
    }
    for (const e of events) this.putEvent(e);
  }

  private kill(slot: number): void {
    this.isAlive[slot] = 0;
    this.alive--;
    putJson(this.traits, slot, {}, this.capacity, true);
    putJson(this.context, slot, {}, this.capacity, true);
    this.userIds[slot] = null;
  }

  private grow(capacity: number): void {
    const isAlive = new Uint8Array(capacity);
    isAlive.set(this.isAlive);
    const firstSeen = new Float64Array(capacity);
    firstSeen.set(this.firstSeen);
    const lastSeen = new Float64Array(capacity);
    lastSeen.set(this.lastSeen);
    this.isAlive = isAlive;
    this.firstSeen = firstSeen;
    this.lastSeen = lastSeen;
    this.capacity = capacity;
    for (const column of this.traits.values()) column.grow(capacity);
    for (const column of this.context.values()) column.grow(capacity);
  }

  /**
   * A reusable array for work inside one synchronous match step (never for results that outlive
   * it): allocating fresh megabyte arrays for every condition made V8 collect garbage for the
   * external memory alone, and its full collections of the index's heap stalled previews.
   */
  scratch<T extends Int32Array | Float64Array | Uint8Array>(name: string, type: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number): T {
    const bytes = length * type.BYTES_PER_ELEMENT;
    let buffer = this.scratchBuffers.get(name);
    if (!buffer || buffer.byteLength < bytes) this.scratchBuffers.set(name, (buffer = new ArrayBuffer(Math.max(bytes, 1024) * 1.25)));
    return new type(buffer, 0, length);
  }

  /** Events held (dead rows not counted). */
  eventCount(): number {
    let n = 0;
    for (const table of this.events.values()) n += table.length - table.dead;
    return n;
  }

  /** Approximate bytes held: typed arrays and dictionaries, plus ~40 bytes per user id. */
  bytes(): number {
    let n = this.capacity * 17 + this.size * 40 + this.slotOf.bytesHeld();
    for (const column of this.traits.values()) n += column.bytes();
    for (const column of this.context.values()) n += column.bytes();
    for (const table of this.events.values()) n += table.bytes();
    return n;
  }
}

/** Writes one profile's JSON object into per-key columns, clearing keys it no longer has. */
function putJson(columns: Map<string, DictColumn>, slot: number, object: Record<string, unknown>, capacity: number, clear: boolean): void {
  const value = typeof object === "object" && object !== null && !Array.isArray(object) ? object : {};
  if (clear) for (const [key, column] of columns) if (!Object.hasOwn(value, key)) column.setCode(slot, -1);
  for (const key of Object.keys(value)) {
    let column = columns.get(key);
    if (!column) columns.set(key, (column = new DictColumn(capacity)));
    column.set(slot, value[key]);
  }
}
