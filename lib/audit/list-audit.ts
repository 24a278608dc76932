import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { auditEntries } from "@/db/schema";

/** What the audit log can be narrowed to: the kinds of things recorded. */
export const AUDIT_ENTITY_TYPES = ["segment", "experience", "slot", "member", "api_key", "profile", "workspace"] as const;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, "limit is at least 1").max(100, "limit is at most 100").default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "cursor must be the nextCursor of a previous page")
    .optional(),
  entityType: z.enum(AUDIT_ENTITY_TYPES, { error: `entityType is one of ${AUDIT_ENTITY_TYPES.join(", ")}` }).optional(),
  /** One entity: its key (segments, experiences, slots) or id. Needs entityType. */
  entityId: z.string().min(1).max(200).optional(),
}).refine((q) => !q.entityId || q.entityType, { message: "entityId needs entityType (e.g. entityType=segment&entityId=sports-readers)", path: ["entityId"] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditRow {
  id: number;
  at: Date;
  /** `user:<id>`, `key:<id>` or `system`. */
  actor: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The workspace's audit log, newest first, a keyset page at a time. */
export async function listAudit(db: Database, workspaceId: string, query: AuditQuery): Promise<{ data: AuditRow[]; nextCursor: string | null }> {
  const where: SQL[] = [eq(auditEntries.workspaceId, workspaceId)];
  if (query.cursor) where.push(lt(auditEntries.id, Number(query.cursor)));
  if (query.entityType) where.push(eq(auditEntries.entityType, query.entityType));
  if (query.entityType && query.entityId) where.push(eq(auditEntries.entityId, query.entityId));
  const rows = await db
    .select({
      id: auditEntries.id,
      at: auditEntries.at,
      actor: auditEntries.actor,
      actorLabel: auditEntries.actorLabel,
      action: auditEntries.action,
      entityType: auditEntries.entityType,
      entityId: auditEntries.entityId,
      before: auditEntries.before,
      after: auditEntries.after,
    })
    .from(auditEntries)
    .where(and(...where))
    .orderBy(desc(auditEntries.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const data = more ? rows.slice(0, query.limit) : rows;
  return { data, nextCursor: more ? String(data[data.length - 1].id) : null };
}
