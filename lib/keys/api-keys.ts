import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { apiKeyKindEnum, apiKeys, workspaces, type ApiKeyKind } from "@/db/schema";
import { notFound } from "@/lib/api/errors";

const PREFIX: Record<ApiKeyKind, string> = { write: "tw_", client: "tc_", admin: "ta_" };

export const createKeySchema = z.object({
  kind: z.enum(apiKeyKindEnum.enumValues, { error: "kind must be one of write, client, admin" }),
  name: z.string().trim().min(1, "Give the key a name so you can tell it apart later").max(80).default("Untitled key"),
});

/** The public shape of a key: never the secret or its hash. */
export const apiKeySchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(apiKeyKindEnum.enumValues),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export interface ApiKeySummary {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Hash under which a key is stored; keys are 256-bit random, so a fast hash is sufficient. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

const summary = {
  id: apiKeys.id,
  kind: apiKeys.kind,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/**
 * Creates a key and returns it with its secret, which is never retrievable again. `secret` is for
 * keys derived elsewhere (the demo site's, lib/demo/demo-keys.ts); it must carry the kind's prefix.
 */
export async function createApiKey(
  db: Database,
  params: { workspaceId: string; kind: ApiKeyKind; name?: string; createdBy?: string; secret?: string },
): Promise<ApiKeySummary & { secret: string }> {
  if (params.secret !== undefined && !(params.secret.startsWith(PREFIX[params.kind]) && params.secret.length >= PREFIX[params.kind].length + 32)) {
    throw new Error(`A given ${params.kind} key secret must start with ${PREFIX[params.kind]} and hold at least 32 more characters`);
  }
  const secret = params.secret ?? PREFIX[params.kind] + randomBytes(24).toString("base64url");
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId: params.workspaceId,
      kind: params.kind,
      name: params.name ?? `${params.kind} key`,
      prefix: secret.slice(0, 10),
      hash: hashApiKey(secret),
      createdBy: params.createdBy,
    })
    .returning(summary);
  return { ...row, secret };
}

/** Keys of a workspace, newest first, including revoked ones. */
export async function listApiKeys(db: Database, workspaceId: string): Promise<ApiKeySummary[]> {
  return db.select(summary).from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId)).orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key of this workspace; a key of another workspace is "not found". */
export async function revokeApiKey(db: Database, workspaceId: string, id: string): Promise<ApiKeySummary> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(summary);
  if (row) return row;
  const [existing] = await db.select(summary).from(apiKeys).where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)));
  if (existing) return existing; // revoking twice is harmless
  throw notFound("API key", id);
}

/** Resolves a presented key to its workspace, or null when unknown, revoked or of another kind. */
export async function verifyApiKey(db: Database, secret: string, kinds: readonly ApiKeyKind[]) {
  const [row] = await db
    .select({ id: apiKeys.id, kind: apiKeys.kind, name: apiKeys.name, revokedAt: apiKeys.revokedAt, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(eq(apiKeys.hash, hashApiKey(secret)));
  if (!row || row.revokedAt || !kinds.includes(row.kind)) return null;
  return row;
}
