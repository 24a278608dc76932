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

/** One ingestion request inside a group: its messages are unique by messageId and carry corrected timestamps. */
export interface GroupRequest {
  messages: (IngestMessage & { timestamp: Date })[];
  receivedAt: Date;
  fallbackCountry?: string | null;
}

/** What a group did for one of its requests. */
export interface RequestOutcome {
  /** Events of this request that were stored (the rest were duplicates). */
  inserted: number;
  /** Profiles its messages belong to after all merges of the group. */
  profileIds: string[];
  /** Profiles merged away because of its messages. */
  mergedProfileIds: string[];
}

export interface WriteGroupOptions {
  /** Lock the group's identities before reading them (after losing a race once). */
  pessimistic?: boolean;
  /** Receives the milliseconds spent in each phase (benchmarks). */
  timings?: Record<string, number>;
}

/** last_seen_at per surviving profile once the group's merges are done. */
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
 * Several requests inside one transaction, as if they had run one after another in the given
 * order: identities are resolved for all their messages at once (creating and merging profiles),
 * events are inserted in one statement (a messageId seen earlier in the group or already stored
 * is skipped), and profiles and rollups are updated once per profile and key from the events that
 * were actually inserted, so a retried message never counts twice. About five round trips for
 * any number of requests (one more when the group merges profiles).
 */
export async function writeGroup(tx: Database, workspaceId: string, requests: readonly GroupRequest[], options: WriteGroupOptions = {}): Promise<RequestOutcome[]> {
  const ws = workspaceId;
  let mark = performance.now();
  const lap = (phase: string) => {
    if (!options.timings) return;
    const now = performance.now();
    options.timings[phase] = (options.timings[phase] ?? 0) + now - mark;
    mark = now;
  };
  // The group's messages in request order, the first of each messageId only.
  const messages: StoredMessage[] = [];
  const owner: number[] = [];
  const seen = new Set<string>();
  requests.forEach((r, index) => {
    for (const m of r.messages) {
      if (seen.has(m.messageId)) continue;
      seen.add(m.messageId);
      messages.push({ ...m, profileId: "", fallbackCountry: r.fallbackCountry });
      owner.push(index);
    }
  });

  const keys = identityKeys(messages);
  if (options.pessimistic) await lockIdentities(tx, ws, keys);
  const known = await readIdentities(tx, ws, keys);
  lap("read");
  const plan = planIdentities(messages, known);
  messages.forEach((m, i) => (m.profileId = plan.targets[i]));

  const isNew = new Set(plan.newProfiles.map((p) => p.id));
  const lastSeenMs = lastSeenAfterMerges(plan);
  const newAnonymousIds = anonymousIdsByProfile(plan);
  const patchesOf = (list: StoredMessage[]): ProfilePatch[] => buildProfilePatches(list, { lastSeenMs, newAnonymousIds });
  const patches = patchesOf(messages);

  const userIdOf = new Map(plan.newProfiles.map((p) => [p.id, p.userId]));
  const profiles = patches.filter((p) => isNew.has(p.id)).map((p) => ({ ...p, user_id: userIdOf.get(p.id) ?? null }));
  lap("plan");
  const created = await writeIdentities(tx, ws, { identities: plan.newIdentities, profiles, userIdChanges: plan.userIdChanges });
  if (created < plan.newIdentities.length) throw new IngestConflict();
  lap("identities");
  await mergeProfiles(tx, ws, plan.merges);
  lap("merges");

  const events = messages.map((m, i) => ({
    profile_id: m.profileId,
    message_id: m.messageId,
    type: m.type,
    event: m.event,
    properties: m.properties,
    context: m.context,
    ts: m.timestamp.toISOString(),
    received_at: requests[owner[i]].receivedAt.toISOString(),
  }));
  const existing = patches.filter((p) => !isNew.has(p.id));
  const rollups = aggregateRollups(messages);
  lap("rows");
  const { inserted, applied } = await insertEventsAndApply(tx, ws, { events, patches: existing, rollups });
  if (!applied) {
    const fresh = messages.filter((m) => inserted.has(m.messageId));
    await applyProfileUpdates(tx, ws, patchesOf(fresh).filter((p) => !isNew.has(p.id)), aggregateRollups(fresh));
  }
  lap("events");

  const outcomes: RequestOutcome[] = requests.map(() => ({ inserted: 0, profileIds: [], mergedProfileIds: [] }));
  const profileSets = requests.map(() => new Set<string>());
  messages.forEach((m, i) => {
    if (inserted.has(m.messageId)) outcomes[owner[i]].inserted++;
  });
  // Every message of a request, duplicates included, names the profile it resolved to.
  const byMessageId = new Map(messages.map((m) => [m.messageId, m.profileId]));
  requests.forEach((r, index) => {
    for (const m of r.messages) profileSets[index].add(byMessageId.get(m.messageId)!);
  });
  for (const { from, message } of plan.merges) outcomes[owner[message]].mergedProfileIds.push(from);
  outcomes.forEach((o, index) => (o.profileIds = [...profileSets[index]]));
  return outcomes;
}
