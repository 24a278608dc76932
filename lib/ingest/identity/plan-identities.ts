import { randomUUID } from "node:crypto";
import type { IngestMessage } from "../types";

export type IdentityKind = "user" | "anonymous";

/** An identity already stored, with what the planner needs to know about its profile. */
export interface KnownIdentity {
  kind: IdentityKind;
  value: string;
  profileId: string;
  userId: string | null;
  lastSeenMs: number;
}

export interface IdentityPlan {
  /** The profile each message belongs to, after all merges of this batch. */
  targets: string[];
  newProfiles: { id: string; userId: string | null }[];
  newIdentities: { kind: IdentityKind; value: string; profileId: string }[];
  /** Existing profiles that gain (or, through alias, change) their userId. */
  userIdChanges: { profileId: string; userId: string }[];
  /** Existing profiles to fold into a survivor, in the order they were decided; `message` is the index of the message that caused it. */
  merges: { from: string; into: string; message: number }[];
  /** last_seen_at of each existing profile, in ms; absent for profiles created by this batch. */
  lastSeenMs: Map<string, number>;
}

const key = (kind: IdentityKind, value: string) => `${kind}:${value}`;

/** The identity keys a batch needs to know about before it can be planned. */
export function identityKeys(messages: readonly IngestMessage[]): { kind: IdentityKind; value: string }[] {
  const seen = new Map<string, { kind: IdentityKind; value: string }>();
  const add = (kind: IdentityKind, value: string | null) => {
    if (value !== null) seen.set(key(kind, value), { kind, value });
  };
  for (const m of messages) {
    add("user", m.userId);
    add("anonymous", m.anonymousId);
    // An alias' previousId may be either kind of id.
    add("user", m.previousId);
    add("anonymous", m.previousId);
  }
  return [...seen.values()];
}

/**
 * Decides, in memory and in message order, which profile every message belongs to and which
 * profiles, identities and merges that takes. The rules (see docs/ingestion.md):
 * - a userId always wins: the message goes to the userId's profile;
 * - an anonymous profile seen together with a userId is merged into (or becomes) the user's;
 * - a profile that already has another userId is never merged implicitly (shared devices);
 *   only `alias` merges two known users, into the profile of the alias' `userId`.
 */
export function planIdentities(messages: readonly IngestMessage[], known: readonly KnownIdentity[]): IdentityPlan {
  const owner = new Map<string, string>();
  const userOf = new Map<string, string | null>();
  const lastSeenMs = new Map<string, number>();
  for (const k of known) {
    owner.set(key(k.kind, k.value), k.profileId);
    userOf.set(k.profileId, k.userId);
    lastSeenMs.set(k.profileId, k.lastSeenMs);
  }
  const created = new Set<string>();
  const forward = new Map<string, string>();
  const newIdentities: IdentityPlan["newIdentities"] = [];
  const userIdChanges = new Map<string, string>();
  const merges: { from: string; message: number }[] = [];
  let current = 0;

  const find = (id: string): string => {
    let p = id;
    while (forward.has(p)) p = forward.get(p)!;
    return p;
  };
  const lookup = (kind: IdentityKind, value: string | null) => {
    const p = value === null ? undefined : owner.get(key(kind, value));
    return p === undefined ? undefined : find(p);
  };
  const attach = (kind: IdentityKind, value: string, profileId: string) => {
    owner.set(key(kind, value), profileId);
    newIdentities.push({ kind, value, profileId });
  };
  const setUser = (profileId: string, userId: string) => {
    userOf.set(profileId, userId);
    if (!created.has(profileId)) userIdChanges.set(profileId, userId);
    attach("user", userId, profileId);
  };
  const create = (userId: string | null): string => {
    const id = randomUUID();
    created.add(id);
    userOf.set(id, null);
    if (userId !== null) setUser(id, userId);
    return id;
  };
  const merge = (from: string, into: string) => {
    if (from === into) return;
    forward.set(from, into);
    if (!created.has(from)) merges.push({ from, message: current });
  };

  const resolve = (m: IngestMessage): string => {
    if (m.type === "alias" && m.previousId !== null && m.userId !== null && m.previousId !== m.userId) {
      const prev = lookup("user", m.previousId) ?? lookup("anonymous", m.previousId);
      const user = lookup("user", m.userId);
      if (prev && user) {
        merge(prev, user);
        return user;
      }
      if (prev) {
        setUser(prev, m.userId);
        return prev;
      }
      const target = user ?? create(m.userId);
      attach("anonymous", m.previousId, target);
      return target;
    }
    const user = lookup("user", m.userId);
    const anon = lookup("anonymous", m.anonymousId);
    const anonIsFree = anon !== undefined && userOf.get(anon) == null;
    if (m.userId === null) {
      if (anon) return anon;
      const target = create(null);
      attach("anonymous", m.anonymousId!, target);
      return target;
    }
    if (user) {
      if (m.anonymousId !== null && anon === undefined) attach("anonymous", m.anonymousId, user);
      else if (anon && anonIsFree) merge(anon, user);
      return user;
    }
    if (anon && anonIsFree) {
      setUser(anon, m.userId);
      return anon;
    }
    const target = create(m.userId);
    if (m.anonymousId !== null && anon === undefined) attach("anonymous", m.anonymousId, target);
    return target;
  };

  const targets = messages.map((m, i) => {
    current = i;
    return resolve(m);
  }).map(find);
  return {
    targets,
    newProfiles: [...created].filter((id) => find(id) === id).map((id) => ({ id, userId: userOf.get(id) ?? null })),
    newIdentities: newIdentities.map((i) => ({ ...i, profileId: find(i.profileId) })),
    userIdChanges: [...userIdChanges].filter(([id]) => find(id) === id).map(([profileId, userId]) => ({ profileId, userId })),
    merges: merges.map(({ from, message }) => ({ from, into: find(from), message })),
    lastSeenMs,
  };
}
