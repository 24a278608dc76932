/**
 * The demo site's API keys. Keys are stored hashed, so a page cannot read one back; the demo's
 * keys are therefore derived: HMAC(server secret, `demo:<workspaceId>:<kind>`). Whoever knows the
 * server secret can recompute them (the /demo page does), nobody else can. Both keys are public by
 * design anyway (a write key only adds data, a client key only reads decisions).
 */
import "server-only";
import { createHmac } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, workspaces } from "@/db/schema";
import { authSecret } from "@/lib/env";
import { createApiKey, hashApiKey } from "@/lib/keys/api-keys";

export type DemoKeyKind = "write" | "client";
const PREFIX: Record<DemoKeyKind, string> = { write: "tw_", client: "tc_" };
export const DEMO_KEY_NAMES: Record<DemoKeyKind, string> = { write: "Demo site (write)", client: "Demo site (client)" };

/** The demo key of `kind` for a workspace, derived from the server secret (same shape as a random key). */
export function demoKeySecret(workspaceId: string, kind: DemoKeyKind, serverSecret: string = authSecret()): string {
  const mac = createHmac("sha256", serverSecret).update(`demo:${workspaceId}:${kind}`).digest("base64url");
  return PREFIX[kind] + mac.slice(0, 32);
}

export type DemoKeyState = "ok" | "missing" | "revoked";
export interface DemoKey {
  kind: DemoKeyKind;
  secret: string;
  state: DemoKeyState;
}

/** Both demo keys of a workspace with whether each exists and still works. */
export async function getDemoKeys(db: Database, workspaceId: string): Promise<Record<DemoKeyKind, DemoKey>> {
  const kinds: DemoKeyKind[] = ["write", "client"];
  const secrets = kinds.map((kind) => ({ kind, secret: demoKeySecret(workspaceId, kind) }));
  const rows = await db
    .select({ hash: apiKeys.hash, kind: apiKeys.kind, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), inArray(apiKeys.hash, secrets.map((s) => hashApiKey(s.secret)))));
  const out = {} as Record<DemoKeyKind, DemoKey>;
  for (const { kind, secret } of secrets) {
    const row = rows.find((r) => r.hash === hashApiKey(secret) && r.kind === kind);
    out[kind] = { kind, secret, state: !row ? "missing" : row.revokedAt ? "revoked" : "ok" };
  }
  return out;
}

/**
 * Creates whichever demo key is missing. A revoked one stays revoked: the secret is derived, so
 * revoking it in Settings → API keys is how an owner switches the demo site off for good.
 */
export async function ensureDemoKeys(db: Database, workspaceId: string): Promise<Record<DemoKeyKind, DemoKey>> {
  const keys = await getDemoKeys(db, workspaceId);
  for (const key of Object.values(keys)) {
    if (key.state !== "missing") continue;
    await createApiKey(db, { workspaceId, kind: key.kind, name: DEMO_KEY_NAMES[key.kind], secret: key.secret });
    key.state = "ok";
  }
  return keys;
}

/** The demo workspace (the oldest one flagged `is_demo`), or null on an install without demo. */
export async function findDemoWorkspace(db: Database) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.isDemo, true)).orderBy(workspaces.createdAt).limit(1);
  return row ?? null;
}
