import type { Profile } from "@/db/schema";
import type { ProfileView } from "./schemas";

/** Maps a profiles row to the API shape. */
export function toProfileView(row: Profile): ProfileView {
  return {
    id: row.id,
    userId: row.userId,
    anonymousIds: row.anonymousIds,
    traits: row.traits,
    context: row.context,
    consent: row.consent,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
  };
}
