/**
 * Random populations stored in a real database, and their facts read back, for the differential
 * tests: each engine (`evaluate`, the SQL compilers, the audience index) sees exactly the stored values.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { events, profiles, workspaces } from "@/db/schema";
import type { TestDb } from "@/lib/testing/db";
import type { Rule } from "../ast";
import { evaluate, type Facts } from "../evaluate";
import type { GeneratedProfile } from "./arbitraries";
import { NOW } from "./fixtures";

/** Stores the population in a new workspace; returns the workspace id and the profile ids (in order). */
export async function insertPopulation(t: TestDb, population: GeneratedProfile[], slug = "diff"): Promise<{ workspaceId: string; ids: string[] }> {
  const [ws] = await t.db.insert(workspaces).values({ slug: `${slug}-${randomUUID()}`, name: slug }).returning();
  const rows = population.map((p, i) => ({
    workspaceId: ws.id, id: randomUUID(), userId: p.userIdPrefix === null ? null : `${p.userIdPrefix}${i}`,
    traits: p.traits, context: p.context, firstSeenAt: new Date(p.firstSeenAt), lastSeenAt: new Date(p.lastSeenAt),
  }));
  if (rows.length > 0) await t.db.insert(profiles).values(rows);
  const eventRows = population.flatMap((p, i) =>
    p.events.map((e) => ({
      workspaceId: ws.id, profileId: rows[i].id, messageId: randomUUID(), type: "track", event: e.event,
      properties: e.properties, timestamp: new Date(e.timestamp),
    })),
  );
  if (eventRows.length > 0) await t.db.insert(events).values(eventRows);
  return { workspaceId: ws.id, ids: rows.map((r) => r.id) };
}

/** Facts of every profile of the workspace, read back from the database; segment references evaluate `segmentRules`. */
export async function loadStoredFacts(t: TestDb, workspaceId: string, segmentRules: Record<string, Rule>): Promise<Map<string, Facts>> {
  const profileRows = await t.db.select().from(profiles).where(eq(profiles.workspaceId, workspaceId));
  const eventRows = await t.db.select().from(events).where(eq(events.workspaceId, workspaceId));
  const facts = new Map<string, Facts>();
  for (const p of profileRows) {
    const f: Facts = {
      profile: { userId: p.userId, traits: p.traits, context: p.context, firstSeenAt: p.firstSeenAt, lastSeenAt: p.lastSeenAt },
      events: eventRows.filter((e) => e.profileId === p.id).map((e) => ({ event: e.event, properties: e.properties, timestamp: e.timestamp })),
      segments: (key) => evaluate(segmentRules[key], f, NOW),
    };
    facts.set(p.id, f);
  }
  return facts;
}
