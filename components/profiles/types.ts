/** API shapes the profile pages read; the zod schemas in lib/profiles are their single source. */
import type { ProfileDetail, ProfileEvent, ProfileView } from "@/lib/profiles/schemas";

export type { ProfileDetail, ProfileEvent, ProfileView };

/** One keyset page of a list endpoint. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A segment membership; `enteredAt` once the segments module records it. */
export type ProfileSegment = ProfileDetail["segments"][number] & { enteredAt?: string | null };

/** Profiles fetched per search page and events per timeline page. */
export const PROFILES_PAGE_SIZE = 50;
export const EVENTS_PAGE_SIZE = 50;
