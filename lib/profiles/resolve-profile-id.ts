import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds the profile a key names in this workspace: a userId (also one merged away by alias),
 * then an anonymousId, then Tailor's own profile uuid. Null when none matches.
 */
export async function resolveProfileId(db: Database, workspaceId: string, key: string): Promise<string | null> {
  const [identity] = await queryRows<{ profile_id: string }>(
    db,
    sql`select profile_id from identities where workspace_id = ${workspaceId}::uuid and value = ${key} and kind in ('user', 'anonymous')
        order by kind = 'user' desc limit 1`,
  );
  if (identity) return identity.profile_id;
  if (!UUID.test(key)) return null;
  const [profile] = await queryRows<{ id: string }>(db, sql`select id from profiles where workspace_id = ${workspaceId}::uuid and id = ${key}::uuid`);
  return profile?.id ?? null;
}
