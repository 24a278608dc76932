/**
 * Identity statements of one ingestion transaction. Each takes all rows of the batch as one JSON
 * parameter expanded with `jsonb_to_recordset`, so a batch of any size costs one round trip per
 * statement, and the same SQL runs on PGlite and PostgreSQL.
 */
import "server-only";
import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { IdentityKind, KnownIdentity } from "./identity/plan-identities";
import type { ProfilePatch } from "./profile-patches";

/** Binds rows as one jsonb parameter, to be expanded with `jsonb_to_recordset`. */
export const jsonRows = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** The advisory-lock key of one identity: 64 bits of a hash of workspace, kind and value. */
function lockKey(workspaceId: string, kind: IdentityKind, value: string): bigint {
  return createHash("sha1").update(`${workspaceId}\u0000${kind}\u0000${value}`).digest().readBigInt64BE(0);
}

/** Lock keys in one global order, so that two batches never wait on each other in a cycle. */
function lockKeys(workspaceId: string, keys: { kind: IdentityKind; value: string }[]): string[] {
  return keys
    .map((k) => lockKey(workspaceId, k.kind, k.value))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
}

/**
 * Waits for transaction-scoped advisory locks on all of a batch's identities. Only a batch that
 * lost a race takes them, before reading; see insertIdentities for why it then cannot lose again.
 */
export async function lockIdentities(db: Database, workspaceId: string, keys: { kind: IdentityKind; value: string }[]) {
  if (!keys.length) return;
  await db.execute(sql`select pg_advisory_xact_lock(k::bigint) from jsonb_array_elements_text(${jsonRows(lockKeys(workspaceId, keys))}) with ordinality as t(k, n) order by n`);
}

/**
 * Reads the stored identities among `keys` and locks their profiles (in id order, so concurrent
 * batches cannot deadlock) until commit: a merge elsewhere must wait for this batch, or this
 * batch for it.
 */
export async function readIdentities(db: Database, workspaceId: string, keys: { kind: IdentityKind; value: string }[]): Promise<KnownIdentity[]> {
  if (!keys.length) return [];
  const found = await queryRows<{ kind: IdentityKind; value: string; profile_id: string; user_id: string | null; last_seen_ms: number }>(
    db,
    sql`select i.kind, i.value, i.profile_id, p.user_id, (extract(epoch from p.last_seen_at) * 1000)::float8 as last_seen_ms
        from jsonb_to_recordset(${jsonRows(keys)}) as k(kind text, value text)
        join identities i on i.workspace_id = ${workspaceId}::uuid and i.kind = k.kind and i.value = k.value
        join profiles p on p.workspace_id = i.workspace_id and p.id = i.profile_id
        order by p.id
        for update of p`,
  );
  return found.map((r) => ({ kind: r.kind, value: r.value, profileId: r.profile_id, userId: r.user_id, lastSeenMs: Number(r.last_seen_ms) }));
}

/** New profiles with everything the batch knows about them (runs in writeIdentities). */
function insertProfilesSql(workspaceId: string, profiles: (ProfilePatch & { user_id: string | null })[], guard: SQL): SQL {
  return sql`insert into profiles (workspace_id, id, user_id, anonymous_ids, traits, context, consent, first_seen_at, last_seen_at)
    select ${workspaceId}::uuid, v.id, v.user_id, v.anonymous_ids, (v.traits_fill || v.traits_set) - v.traits_unset,
           v.context_fill || v.context_set, v.consent_fill || v.consent_set, coalesce(v.first_seen, now()), coalesce(v.last_seen, now())
    from jsonb_to_recordset(${jsonRows(profiles)}) as v(
      id uuid, user_id text, anonymous_ids text[], traits_fill jsonb, traits_set jsonb, traits_unset text[],
      context_fill jsonb, context_set jsonb, consent_fill jsonb, consent_set jsonb, first_seen timestamptz, last_seen timestamptz)
    where ${guard}`;
}

/** Gives existing profiles their (new) userId. */
function setUserIdsSql(workspaceId: string, changes: { profileId: string; userId: string }[], guard: SQL): SQL {
  return sql`update profiles p set user_id = r."userId", updated_at = now()
    from jsonb_to_recordset(${jsonRows(changes)}) as r("profileId" uuid, "userId" text)
    where p.workspace_id = ${workspaceId}::uuid and p.id = r."profileId" and ${guard}`;
}

/**
 * Inserts new identities; every creator of an identity first *tries* its advisory lock (never
 * waits, so never deadlocks): if another batch holds it — a locking retry, or a concurrent
 * creator — nothing is inserted and the caller retries, now locking. A locking batch therefore
 * never loses a race, so retries cannot starve. Fewer rows than asked (a creator that committed
 * after this batch read) also means "retry".
 */
function insertIdentitiesSql(workspaceId: string, identities: { kind: IdentityKind; value: string; profileId: string }[]): SQL {
  const order = (i: { kind: string; value: string }) => `${i.kind}\u0000${i.value}`;
  const sorted = [...identities].sort((a, b) => (order(a) < order(b) ? -1 : 1));
  return sql`insert into identities (workspace_id, kind, value, profile_id)
    select ${workspaceId}::uuid, r.kind, r.value, r."profileId"
    from jsonb_to_recordset(${jsonRows(sorted)}) as r(kind text, value text, "profileId" uuid)
    where (select bool_and(pg_try_advisory_xact_lock(k::bigint)) from jsonb_array_elements_text(${jsonRows(lockKeys(workspaceId, identities))}) as t(k))
    on conflict do nothing
    returning 1`;
}

/**
 * Writes a batch's new identities, new profiles (after insertIdentities' locks, which keep two
 * batches from creating profiles for the same userId) and userId changes in one statement, one
 * round trip; returns how many identities were new. The caller retries the whole transaction
 * when that is fewer than asked, so the profile rows written alongside are rolled back with it.
 * (A new profile cannot own a duplicate message: a stored message's identities already exist.)
 */
export async function writeIdentities(
  db: Database,
  workspaceId: string,
  input: { identities: { kind: IdentityKind; value: string; profileId: string }[]; profiles: (ProfilePatch & { user_id: string | null })[]; userIdChanges: { profileId: string; userId: string }[] },
): Promise<number> {
  const parts: SQL[] = [];
  if (input.identities.length) parts.push(sql`ids as (${insertIdentitiesSql(workspaceId, input.identities)})`);
  const count = input.identities.length ? sql`(select count(*) from ids)` : sql`0`;
  // Profiles are written only once every identity is in: a batch that lost a race writes (and
  // waits on) nothing before it retries, exactly as if the statements were separate.
  const guard = sql`${count} = ${input.identities.length}::int`;
  if (input.profiles.length) parts.push(sql`prof as (${insertProfilesSql(workspaceId, input.profiles, guard)})`);
  if (input.userIdChanges.length) parts.push(sql`uids as (${setUserIdsSql(workspaceId, input.userIdChanges, guard)})`);
  if (!parts.length) return 0;
  const [row] = await queryRows<{ n: number }>(db, sql`with ${sql.join(parts, sql`, `)} select ${count}::int as n`);
  return Number(row.n);
}
