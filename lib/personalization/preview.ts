/**
 * Preview as a visitor: every slot decided for one real profile, a typical member of a segment,
 * or a composed hypothetical visitor — through the same `decide` the OFREP routes use, with a
 * trace and without recording impressions. A real profile is decided exactly as its next request
 * would be; a composed one via `options.visitor`, its segments computed by the membership rules.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { profiles } from "@/db/schema";
import { AppError, notFound } from "@/lib/api/errors";
import { loadMembershipPlan } from "@/lib/membership/membership-plan";
import { resolveProfileId } from "@/lib/profiles/resolve-profile-id";
import type { Facts } from "@/lib/rules/evaluate";
import { loadSegments } from "@/lib/segments/segment-rules";
import { decide } from "./decide";
import { loadVisitor, type Visitor } from "./load-visitor";
import { explainExperience } from "./preview-explain";
import type { ComposedVisitor, PreviewRequest, PreviewResult, PreviewSlot, PreviewVisitor } from "./preview-schemas";
import type { SlotField } from "./schemas";
import { listSlots } from "./slots";
import { getWorkspaceConfig, type WorkspaceConfig } from "./workspace-config";

type Problem = { path: string[]; message: string };
type ProfileRow = typeof profiles.$inferSelect;

function displayName(traits: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  const full = [text(traits.first_name), text(traits.last_name)].filter(Boolean).join(" ");
  return full || text(traits.name) || text(traits.email);
}

async function profileRow(db: Database, workspaceId: string, key: string): Promise<ProfileRow | null> {
  const id = await resolveProfileId(db, workspaceId, key);
  if (!id) return null;
  const [row] = await db.select().from(profiles).where(and(eq(profiles.workspaceId, workspaceId), eq(profiles.id, id)));
  return row ?? null;
}

/** The `index`-th member of a segment: known people first, most recently seen first. */
async function segmentMember(db: Database, workspaceId: string, segmentId: string, index: number) {
  const [row] = await queryRows<{ id: string; total: number }>(
    db,
    sql`select p.id::text, count(*) over ()::int as total
        from segment_members m join profiles p on p.workspace_id = m.workspace_id and p.id = m.profile_id
        where m.workspace_id = ${workspaceId}::uuid and m.segment_id = ${segmentId}::uuid
        order by (p.user_id is null), p.last_seen_at desc, p.id
        offset ${index} limit 1`,
  );
  return row ? { id: row.id, total: Number(row.total) } : null;
}

/** Builds the in-memory visitor of a composed description; throws a 422 listing every problem. */
async function composeVisitor(db: Database, workspaceId: string, input: ComposedVisitor, config: WorkspaceConfig, known: Set<string>, now: Date) {
  const problems: Problem[] = [];
  input.events.forEach((e, i) => {
    if (Date.parse(e.timestamp) > now.getTime()) problems.push({ path: ["visitor", "events", String(i), "timestamp"], message: "This is in the future; give a time up to now (events after now are ignored by every rule)" });
  });
  input.segments.forEach((key, i) => {
    if (!known.has(key)) problems.push({ path: ["visitor", "segments", String(i)], message: `No segment "${key}" in this workspace` });
  });
  const experiences = new Map([...config.slots.values()].flatMap((s) => s.experiences.map((e) => [e.key, e] as const)));
  for (const key of Object.keys(input.impressions)) {
    if (!experiences.has(key)) problems.push({ path: ["visitor", "impressions", key], message: `No live experience "${key}"` });
  }
  if (problems.length > 0) {
    throw new AppError("validation_failed", `The visitor is not valid at ${problems[0].path.join(".")}: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}.`, problems);
  }
  const firstSeen = input.firstSeenAt ? new Date(input.firstSeenAt) : new Date(Math.min(now.getTime(), ...input.events.map((e) => Date.parse(e.timestamp))));
  const visitor: Visitor = {
    profileId: null,
    userId: input.userId,
    traits: input.traits,
    context: input.context,
    consent: Object.fromEntries(Object.entries(input.consent).filter(([, v]) => v !== undefined)) as Record<string, boolean>,
    firstSeenAt: firstSeen,
    lastSeenAt: now,
    events: input.events.map((e) => ({ event: e.event, properties: e.properties, timestamp: new Date(e.timestamp) })),
    segments: new Set(),
    impressions: new Map(Object.entries(input.impressions).map(([key, counts]) => [experiences.get(key)!.id, counts])),
  };
  // Membership as ingestion would compute it: every active segment's rule on these facts, dependencies first.
  const computed = new Set<string>();
  const plan = await loadMembershipPlan(db, workspaceId);
  const results = new Map<string, boolean>();
  const facts: Facts = {
    profile: { userId: visitor.userId, traits: visitor.traits, context: visitor.context, firstSeenAt: visitor.firstSeenAt, lastSeenAt: visitor.lastSeenAt },
    events: visitor.events,
    segments: (key) => results.get(key) ?? false,
  };
  for (const s of plan.order) {
    try {
      const r = s.evaluate(facts, now);
      results.set(s.key, r);
      if (r && s.active) computed.add(s.key);
    } catch {
      results.set(s.key, false);
    }
  }
  const assumed = input.segments.filter((k) => !computed.has(k));
  visitor.segments = new Set([...computed, ...assumed]);
  return { visitor, computed, assumed };
}

/** Decides the requested slots (all by default) for the subject of `input`, explaining each. */
export async function previewDecisions(db: Database, workspaceId: string, input: PreviewRequest, now = new Date()): Promise<PreviewResult> {
  const [config, slotRows, stored] = await Promise.all([getWorkspaceConfig(db, workspaceId), listSlots(db, workspaceId), loadSegments(db, workspaceId)]);
  const segmentName = (key: string) => stored.get(key)?.name ?? key;
  const wanted = input.slots ?? slotRows.map((s) => s.key);
  const unknown = wanted.filter((k) => !slotRows.some((s) => s.key === k));
  if (unknown.length > 0) throw new AppError("not_found", `No slot ${unknown.map((k) => `"${k}"`).join(", ")} in this workspace.`);
  const slotsToDecide = slotRows.filter((s) => wanted.includes(s.key));
  const candidates = slotsToDecide.flatMap((s) => config.slots.get(s.key)?.experiences ?? []);

  let subject: PreviewVisitor;
  let visitor: Visitor;
  let composed = false;
  if (input.visitor) {
    const built = await composeVisitor(db, workspaceId, input.visitor, config, new Set(stored.keys()), now);
    visitor = built.visitor;
    composed = true;
    subject = {
      kind: "visitor",
      targetingKey: input.visitor.userId ?? input.visitor.anonymousId,
      profileId: null,
      userId: input.visitor.userId,
      anonymousIds: [input.visitor.anonymousId],
      name: displayName(input.visitor.traits),
      email: typeof input.visitor.traits.email === "string" ? input.visitor.traits.email : null,
      traits: input.visitor.traits,
      consent: visitor.consent,
      segments: [
        ...[...built.computed].map((key) => ({ key, name: segmentName(key), how: "computed" as const })),
        ...built.assumed.map((key) => ({ key, name: segmentName(key), how: "assumed" as const })),
      ],
    };
  } else {
    let row: ProfileRow | null;
    let picked: PreviewVisitor["segment"];
    if (input.segment !== undefined) {
      const segment = stored.get(input.segment);
      if (!segment) throw notFound("Segment", input.segment);
      const member = await segmentMember(db, workspaceId, segment.id, input.member);
      if (!member) {
        throw new AppError("not_found", input.member === 0 ? `Segment "${segment.name}" has no members right now; pick another segment or compose a visitor.` : `Segment "${segment.name}" has fewer than ${input.member + 1} members.`);
      }
      row = await profileRow(db, workspaceId, member.id);
      picked = { key: segment.key, name: segment.name, members: member.total, index: input.member };
    } else {
      row = await profileRow(db, workspaceId, input.profile!);
      if (!row) throw notFound("Profile", input.profile!);
    }
    if (!row) throw new AppError("conflict", "The member picked was deleted a moment ago; try again.");
    const targetingKey = row.userId ?? row.anonymousIds[0] ?? row.id;
    const needs = new Map<string, number | null>(candidates.flatMap((e) => (e.suppression ? [[e.suppression.event, null] as const] : [])));
    // For the explanation only (segments, caps, suppression); decide loads the visitor itself, as in production.
    visitor = await loadVisitor(db, { workspaceId, targetingKey, now, eventNeeds: needs, cappedExperienceIds: candidates.filter((e) => e.frequencyCap).map((e) => e.id) });
    subject = {
      kind: picked ? "segment" : "profile",
      targetingKey,
      profileId: row.id,
      userId: row.userId,
      anonymousIds: row.anonymousIds,
      name: displayName(row.traits),
      email: typeof row.traits.email === "string" ? row.traits.email : null,
      traits: row.traits,
      consent: row.consent,
      segments: [...visitor.segments].sort().map((key) => ({ key, name: segmentName(key), how: "stored" as const })),
      ...(picked ? { segment: picked } : {}),
    };
  }

  const context = input.context;
  const facts: Facts = {
    profile: { userId: visitor.userId, traits: visitor.traits, context: { ...visitor.context, ...context }, firstSeenAt: visitor.firstSeenAt, lastSeenAt: visitor.lastSeenAt },
    events: visitor.events,
    segments: (key) => visitor.segments.has(key),
  };
  const slots: PreviewSlot[] = [];
  for (const row of slotsToDecide) {
    const decision = await decide(
      db,
      { workspaceId, slotKey: row.key, context: { ...context, targetingKey: subject.targetingKey }, now },
      { trace: true, record: false, config, ...(composed ? { visitor } : {}) },
    );
    if (!decision) continue; // deleted between the list and the decision
    const { trace = [], ...wire } = decision;
    const compiled = config.slots.get(row.key);
    slots.push({
      key: row.key,
      name: row.name,
      channel: row.channel,
      fields: row.fields as SlotField[],
      decision: wire,
      experiences: (compiled?.experiences ?? []).map((e) =>
        explainExperience(e, trace.find((t) => t.experience === e.key), { targetingKey: subject.targetingKey, visitor, facts, now, segmentName }),
      ),
    });
  }
  return { visitor: subject, context, evaluatedAt: now.toISOString(), slots };
}
