/**
 * Pure generation of demo profiles and their events, chunk by chunk so memory stays flat at
 * any size. No I/O: the same options always yield the same chunks, which the tests check.
 */
import { generateHistory } from "./behaviour";
import { personaAt } from "./personas";
import { hashString } from "./prng";
import { buildContext, buildTraits, planProfile } from "./profile";
import { buildCampaignCalendar } from "./timeline";
import { DAY, type SeedChunk, type SeedContext, type SeedEvent, type SeedEventRow, type SeedProfile } from "./types";

export interface GenerateOptions {
  workspaceId: string;
  profiles: number;
  days: number;
  seed: number;
  now: Date;
  /** Profiles per chunk (default 1000). */
  chunkSize?: number;
}

export function createSeedContext(options: Pick<GenerateOptions, "workspaceId" | "days" | "seed" | "now">): SeedContext {
  const now = options.now.getTime();
  const windowStart = now - options.days * DAY;
  return {
    seed: options.seed,
    workspaceHash: hashString(options.workspaceId),
    now,
    days: options.days,
    windowStart,
    campaigns: buildCampaignCalendar(windowStart, now),
  };
}

/** Generates profile `index` and its events (without message ids), independent of every other profile. */
export function generateProfile(ctx: SeedContext, index: number): { profile: SeedProfile; events: SeedEvent[] } {
  const plan = planProfile(ctx, index, personaAt(index));
  const { events, identifiedAt } = generateHistory(plan, ctx);
  const firstEvent = events.length ? events[0].ts : plan.activeUntil;
  const lastEvent = events.length ? events[events.length - 1].ts : plan.activeUntil;
  const profile: SeedProfile = {
    index,
    id: plan.id,
    userId: plan.userId,
    anonymousIds: plan.anonymousIds,
    traits: buildTraits(plan, identifiedAt),
    context: buildContext(plan),
    consent: plan.consent,
    firstSeenAt: Math.min(plan.acquiredAt, firstEvent),
    lastSeenAt: Math.max(lastEvent, plan.acquiredAt),
    identifiedAt,
  };
  return { profile, events };
}

/** Message ids are `seed-<seed>-<n>` with `n` zero-padded, so they sort in insertion order. */
export function messageId(seed: number, n: number): string {
  return `seed-${seed}-${String(n).padStart(9, "0")}`;
}

/** Appends profile `index` and its events (with message ids numbered from `counter.n`) to `chunk`. */
function appendProfile(chunk: SeedChunk, ctx: SeedContext, index: number, counter: { n: number }): void {
  const { profile, events } = generateProfile(ctx, index);
  chunk.profiles.push(profile);
  for (const e of events) {
    const row = e as SeedEventRow;
    row.profileId = profile.id;
    row.messageId = messageId(ctx.seed, ++counter.n);
    chunk.events.push(row);
  }
}

function chunkBounds(options: GenerateOptions): [number, number][] {
  const size = Math.max(1, options.chunkSize ?? 1000);
  const bounds: [number, number][] = [];
  for (let start = 0; start < options.profiles; start += size) bounds.push([start, Math.min(options.profiles, start + size)]);
  return bounds;
}

/** Yields the profiles `[0, profiles)` in chunks, with every event carrying its profile and message id. */
export function* generateChunks(options: GenerateOptions): Generator<SeedChunk> {
  const ctx = createSeedContext(options);
  const counter = { n: 0 };
  for (const [start, end] of chunkBounds(options)) {
    const chunk: SeedChunk = { profiles: [], events: [] };
    for (let index = start; index < end; index++) appendProfile(chunk, ctx, index, counter);
    yield chunk;
  }
}

/**
 * The same chunks as `generateChunks`, yielding to the event loop every few profiles so a
 * COPY of the previous chunk keeps streaming to PostgreSQL while the next one is generated.
 */
export async function* streamChunks(options: GenerateOptions, yieldEvery = 50): AsyncGenerator<SeedChunk> {
  const ctx = createSeedContext(options);
  const counter = { n: 0 };
  for (const [start, end] of chunkBounds(options)) {
    const chunk: SeedChunk = { profiles: [], events: [] };
    for (let index = start; index < end; index++) {
      appendProfile(chunk, ctx, index, counter);
      if ((index + 1) % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    yield chunk;
  }
}
