import { consentOfMessage } from "./consent";
import { deriveContext } from "./derive-context";
import type { IngestMessage, Json } from "./types";

/** A message with its corrected time and the profile it was resolved to. */
export interface StoredMessage extends IngestMessage {
  timestamp: Date;
  profileId: string;
  /** Country from the edge header of the request that carried it (see deriveContext). */
  fallbackCountry?: string | null;
}

/**
 * What a batch changes on one profile. `*_set` comes from messages at least as new as the profile's
 * last_seen_at and overrides stored values; `*_fill` comes from older (late-arriving) messages and
 * only fills keys the profile does not have yet, so a replayed old message never undoes a newer one.
 */
export interface ProfilePatch {
  id: string;
  traits_fill: Json;
  traits_set: Json;
  traits_unset: string[];
  context_fill: Json;
  context_set: Json;
  consent_fill: Json;
  consent_set: Json;
  anonymous_ids: string[];
  first_seen: string | null;
  last_seen: string | null;
}

/** `consent` is a reserved trait: it is stored as the profile's consent, not as a trait. */
const RESERVED_TRAITS = new Set(["consent"]);

class Layer {
  values = new Map<string, unknown>();
  unset = new Set<string>();
  // Keys are copied into a Map so a "__proto__" trait stays an ordinary key.
  assign(source: Json, allowUnset: boolean) {
    for (const [k, v] of Object.entries(source)) {
      if (RESERVED_TRAITS.has(k)) continue;
      if (v === null) {
        if (!allowUnset) continue;
        this.values.delete(k);
        this.unset.add(k);
      } else {
        this.values.set(k, v);
        this.unset.delete(k);
      }
    }
  }
  toJson = (): Json => Object.fromEntries(this.values);
}

/** Builds one patch per profile from the messages actually stored (duplicates excluded). */
export function buildProfilePatches(
  messages: readonly StoredMessage[],
  options: { lastSeenMs: Map<string, number>; newAnonymousIds: Map<string, string[]>; fallbackCountry?: string | null },
): ProfilePatch[] {
  const byProfile = new Map<string, StoredMessage[]>();
  for (const m of messages) {
    const list = byProfile.get(m.profileId) ?? [];
    list.push(m);
    byProfile.set(m.profileId, list);
  }
  for (const id of options.newAnonymousIds.keys()) if (!byProfile.has(id)) byProfile.set(id, []);

  return [...byProfile].map(([id, list]) => {
    const sorted = [...list].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    const lastSeen = options.lastSeenMs.get(id) ?? -Infinity;
    const layers = { traits: [new Layer(), new Layer()], context: [new Layer(), new Layer()], consent: [new Layer(), new Layer()] };
    for (const m of sorted) {
      const newer = m.timestamp.getTime() >= lastSeen ? 1 : 0;
      layers.traits[newer].assign(m.traits, newer === 1);
      layers.context[newer].assign(deriveContext(m, m.fallbackCountry ?? options.fallbackCountry), false);
      layers.consent[newer].assign(consentOfMessage(m.context, m.traits) as Json, false);
    }
    return {
      id,
      traits_fill: layers.traits[0].toJson(),
      traits_set: layers.traits[1].toJson(),
      traits_unset: [...layers.traits[1].unset],
      context_fill: layers.context[0].toJson(),
      context_set: layers.context[1].toJson(),
      consent_fill: layers.consent[0].toJson(),
      consent_set: layers.consent[1].toJson(),
      anonymous_ids: options.newAnonymousIds.get(id) ?? [],
      first_seen: sorted.length ? sorted[0].timestamp.toISOString() : null,
      last_seen: sorted.length ? sorted[sorted.length - 1].timestamp.toISOString() : null,
    };
  });
}
