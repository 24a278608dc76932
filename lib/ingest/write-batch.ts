import "server-only";
import type { Database } from "@/db/client";
import { applyProfileUpdates, insertEventsAndApply } from "./apply-events";
import { identityKeys, planIdentities, type IdentityPlan } from "./identity/plan-identities";
import { mergeProfiles } from "./merge-profiles";
import { buildProfilePatches, type ProfilePatch, type StoredMessage } from "./profile-patches";
import { IngestConflict } from "./retry";
import { aggregateRollups } from "./rollup-rows";
import { lockIdentities, readIdentities, writeIdentities } from "./statements";
import type { IngestMessage } from "./types";

export interface WriteBatchInput {
  workspaceId: string;
  /** Unique by messageId, with corrected timestamps. */
  messages: (IngestMessage & { timestamp: Date })[];
  receivedAt: Date;
  fallbackCountry?: string | null;
  /** Lock the batch's identities before reading them (after losing a race once). */
  pessimistic?: boolean;
}

export interface WriteBatchOutcome {
  inserted: number;
  profileIds: string[];
  mergedProfileIds: string[];
}

/** last_seen_at per surviving profile once this batch's merges are done. */
function lastSeenAfterMerges(plan: IdentityPlan): Map<string, number> {
  const lastSeen = new Map(plan.lastSeenMs);
  for (const { from, into } of plan.merges) {
    lastSeen.set(into, Math.max(lastSeen.get(into) ?? -Infinity, lastSeen.get(from) ?? -Infinity));
  }
  return lastSeen;
}

function anonymousIdsByProfile(plan: IdentityPlan): Map<string, string[]> {
  const byProfile = new Map<string, string[]>();
  for (const i of plan.newIdentities) {
    if (i.kind === "anonymous") byProfile.set(i.profileId, [...(byProfile.get(i.profileId) ?? []), i.value]);
  }
  return byProfile;
}

/**
 * One batch inside one transaction: resolve identities (creating and merging profiles), insert
 * events (duplicates by messageId skipped), and update profiles and rollups from the events that
 * were actually inserted, so a retried message never counts twice.
 */
export async function writeBatch(tx: Database, input: WriteBatchInput): Promise<WriteBatchOutcome> {
  const { workspaceId: ws, messages } = input;
  const keys = identityKeys(messages);
  if (input.pessimistic) await lockIdentities(tx, ws, keys);
  const plan = planIdentities(messages, await readIdentities(tx, ws, keys));
  const stored: StoredMessage[] = messages.map((m, i) => ({ ...m, profileId: plan.targets[i] }));

  const isNew = new Set(plan.newProfiles.map((p) => p.id));
  const lastSeenMs = lastSeenAfterMerges(plan);
  const patchesOf = (list: StoredMessage[]): ProfilePatch[] =>
    buildProfilePatches(list, { lastSeenMs, newAnonymousIds: anonymousIdsByProfile(plan), fallbackCountry: input.fallbackCountry });
  const patches = patchesOf(stored);

  const userIdOf = new Map(plan.newProfiles.map((p) => [p.id, p.userId]));
  const profiles = patches.filter((p) => isNew.has(p.id)).map((p) => ({ ...p, user_id: userIdOf.get(p.id) ?? null }));
  const created = await writeIdentities(tx, ws, { identities: plan.newIdentities, profiles, userIdChanges: plan.userIdChanges });
  if (created < plan.newIdentities.length) throw new IngestConflict();
  for (const { from, into } of plan.merges) await mergeProfiles(tx, ws, from, into);

  const events = stored.map((m) => ({
    profile_id: m.profileId, message_id: m.messageId, type: m.type, event: m.event, properties: m.properties, context: m.context, ts: m.timestamp.toISOString(),
  }));
  const existing = patches.filter((p) => !isNew.has(p.id));
  const { inserted, applied } = await insertEventsAndApply(tx, ws, { events, receivedAt: input.receivedAt, patches: existing, rollups: aggregateRollups(stored) });
  if (!applied) {
    const fresh = stored.filter((m) => inserted.has(m.messageId));
    await applyProfileUpdates(tx, ws, patchesOf(fresh).filter((p) => !isNew.has(p.id)), aggregateRollups(fresh));
  }
  return { inserted: inserted.size, profileIds: [...new Set(plan.targets)], mergedProfileIds: plan.merges.map((m) => m.from) };
}
