import "server-only";
import type { Database } from "@/db/client";
import { auditEntries } from "@/db/schema";

export interface Actor {
  /** `user:<id>`, `key:<id>` or `system`. */
  id: string;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: "system", label: "Tailor" };

/** Records who changed what; `before`/`after` must not carry personal data for deletions. */
export async function recordAudit(
  db: Database,
  entry: { workspaceId: string; actor: Actor; action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
) {
  await db.insert(auditEntries).values({
    workspaceId: entry.workspaceId,
    actor: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
