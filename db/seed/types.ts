/** Shapes shared by the seed generator and the writers. Times are epoch milliseconds. */
import type { Category } from "./catalog-content";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Lifecycle = "lead" | "customer" | "churned";

export interface CampaignSend {
  campaign: string;
  /** The content the e-mail links to; the digest links to the reader's own interests. */
  category: Category | null;
  sentAt: number;
}

/** Everything that is the same for every profile of one seeding run. */
export interface SeedContext {
  seed: number;
  /** Folded into profile ids so two workspaces seeded alike never share a profile id. */
  workspaceHash: number;
  now: number;
  days: number;
  windowStart: number;
  campaigns: readonly CampaignSend[];
}

export interface SeedEvent {
  ts: number;
  type: "page" | "track" | "identify";
  event: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface SeedProfile {
  index: number;
  id: string;
  userId: string | null;
  anonymousIds: string[];
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  consent: Record<string, boolean>;
  firstSeenAt: number;
  lastSeenAt: number;
  /** When the user id became known (the identity row's creation time); null for anonymous. */
  identifiedAt: number | null;
}

export interface SeedEventRow extends SeedEvent {
  profileId: string;
  messageId: string;
}

/** One unit of work for the writers: a slice of profiles and all of their events. */
export interface SeedChunk {
  profiles: SeedProfile[];
  events: SeedEventRow[];
}
