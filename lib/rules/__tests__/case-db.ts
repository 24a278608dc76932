/**
 * Runs hand-written cases through the SQL engine: each case's profile (and events) is stored once,
 * then `compileToSql` must select exactly that profile when the case expects a match.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { events, profiles, workspaces } from "@/db/schema";
import type { TestDb } from "@/lib/testing/db";
import type { Rule } from "../ast";
import { compileToSql, type SqlContext } from "../compile-sql";
import type { Facts } from "../evaluate";

export interface CaseData {
  userId?: string | null;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
  events?: { event: string; properties?: Record<string, unknown>; timestamp: Date }[];
}

/** The facts `evaluate` sees for a case (the same values the database stores). */
export function factsOf(data: CaseData, segments?: (key: string) => boolean): Facts {
  return {
    profile: {
      userId: data.userId ?? null,
      traits: data.traits ?? {},
      context: data.context ?? {},
      firstSeenAt: data.firstSeenAt ?? new Date("2025-01-01T00:00:00Z"),
      lastSeenAt: data.lastSeenAt ?? new Date("2025-06-01T00:00:00Z"),
    },
    events: (data.events ?? []).map((e) => ({ event: e.event, properties: e.properties ?? {}, timestamp: e.timestamp })),
    segments,
  };
}

/** Stores one profile per case; returns the workspace and the profile ids in case order. */
export async function storeCases(t: TestDb, cases: CaseData[]): Promise<{ workspaceId: string; ids: string[] }> {
  const [ws] = await t.db.insert(workspaces).values({ slug: `cases-${randomUUID()}`, name: "cases" }).returning();
  const ids = cases.map(() => randomUUID());
  const rows = cases.map((c, i) => {
    const f = factsOf(c).profile;
    return { workspaceId: ws.id, id: ids[i], userId: f.userId, traits: f.traits, context: f.context, firstSeenAt: f.firstSeenAt, lastSeenAt: f.lastSeenAt };
  });
  if (rows.length > 0) await t.db.insert(profiles).values(rows);
  const eventRows = cases.flatMap((c, i) =>
    (c.events ?? []).map((e) => ({
      workspaceId: ws.id, profileId: ids[i], messageId: randomUUID(), type: "track", event: e.event,
      properties: e.properties ?? {}, timestamp: e.timestamp,
    })),
  );
  if (eventRows.length > 0) await t.db.insert(events).values(eventRows);
  return { workspaceId: ws.id, ids };
}

/** Whether the compiled rule selects the given profile. */
export async function sqlSelects(t: TestDb, workspaceId: string, id: string, rule: Rule, now: Date, ctx?: SqlContext): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    t.db,
    sql`select p.id from profiles p where p.workspace_id = ${workspaceId} and p.id = ${id} and ${compileToSql(rule, now, ctx)}`,
  );
  return rows.length === 1;
}
