/**
 * 30 days of impressions and conversions for the demo experiences, so their results mean
 * something on first start. Visitors are the workspace's real profiles, active in the window, in
 * the variant their stored segments (or Vietnam flight searches) give them and in the holdout by
 * the same hash decide uses. Conversion rates are set per group (the sports hero clearly beats the
 * holdout); which visitors convert, and when, comes from a seeded PRNG, so a database gets the
 * same history every time. Small demo loads are topped up with anonymous visitors so the home
 * hero still has thousands of visitors. Rows go in with a few multi-row inserts.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { experiences } from "@/db/schema";
import { hashString, Rng } from "@/db/seed/prng";
import { bucketOf } from "./bucket";

const DAY = 86_400_000;
const WINDOW_DAYS = 30;
const SEED = 20_240_601;
const CHUNK = 5_000;

interface PoolVisitor {
  profileId: string | null;
  key: string;
  known: boolean;
  /** Window of activity inside the last 30 days, epoch ms. */
  from: number;
  to: number;
  segments: Set<string>;
  searchedVietnam: boolean;
}

interface Group {
  variant: string;
  /** Share of its visitors who convert. */
  rate: number;
  /** Who falls in this group (in rule order); the default group takes the rest. */
  member?: (v: PoolVisitor) => boolean;
  /** Share of the group's visitors who saw the slot at all (default 1: every active one). */
  reach?: number;
  /** Top up with anonymous visitors to at least this many (outside the holdout). */
  floor?: number;
}

interface Plan {
  key: string;
  /** Groups in rule order, the default last. */
  groups: Group[];
  holdoutRate: number;
  /** Only visitors with a user id (an e-mail goes to known people). */
  knownOnly?: boolean;
}

const inSegment = (segment: string) => (v: PoolVisitor) => v.segments.has(segment);

/** Conversion rates of the demo history: variant over holdout, as a marketer would hope to see. */
export const DEMO_HISTORY_PLANS: Plan[] = [
  {
    key: "home-hero",
    holdoutRate: 0.024,
    groups: [
      { variant: "sports", rate: 0.047, member: inSegment("sports-readers"), floor: 1_500 },
      { variant: "finance", rate: 0.033, member: inSegment("finance-readers"), floor: 1_100 },
      { variant: "default", rate: 0.025, reach: 0.7, floor: 4_000 },
    ],
  },
  {
    key: "vietnam-flight-offer",
    holdoutRate: 0.03,
    groups: [
      { variant: "vietnam", rate: 0.09, member: (v) => v.searchedVietnam },
      { variant: "explore", rate: 0.012, reach: 0.15 },
    ],
  },
  {
    key: "investment-suggestion",
    holdoutRate: 0.1,
    groups: [
      { variant: "fund", rate: 0.16, member: inSegment("investing-savers") },
      { variant: "saver", rate: 0.11, reach: 0.15 },
    ],
  },
  { key: "recommended-products", holdoutRate: 0.035, groups: [{ variant: "for-you", rate: 0.052, member: () => true, reach: 0.25 }, { variant: "bestsellers", rate: 0.035 }] },
  {
    key: "digest-header",
    holdoutRate: 0,
    knownOnly: true,
    groups: [
      { variant: "sports", rate: 0.09, member: inSegment("sports-readers") },
      { variant: "finance", rate: 0.08, member: inSegment("finance-readers") },
      { variant: "digest", rate: 0.05, reach: 0.25 },
    ],
  },
];

export interface DemoHistoryResult {
  impressions: number;
  conversions: number;
  ms: number;
}

type PoolRow = { profile_id: string; key: string | null; user_id: string | null; from_ms: number; to_ms: number; segments: string[]; vietnam: boolean };

/** Profiles active in the window with their targeting key and segments; opted-out visitors never get impressions. */
async function loadPool(db: Database, workspaceId: string, now: Date): Promise<PoolVisitor[]> {
  const from = new Date(now.getTime() - WINDOW_DAYS * DAY).toISOString();
  const rows = await queryRows<PoolRow>(
    db,
    sql`select p.id::text as profile_id, p.user_id,
               coalesce(p.user_id, (select min(i.value) from identities i where i.workspace_id = p.workspace_id and i.profile_id = p.id and i.kind = 'anonymous')) as key,
               (extract(epoch from greatest(p.first_seen_at, ${from}::timestamptz)) * 1000)::float8 as from_ms,
               (extract(epoch from least(p.last_seen_at, ${now.toISOString()}::timestamptz)) * 1000)::float8 as to_ms,
               coalesce((select json_agg(s.key) from segment_members m join segments s on s.id = m.segment_id
                         where m.workspace_id = p.workspace_id and m.profile_id = p.id), '[]'::json) as segments,
               exists (select 1 from events e where e.workspace_id = p.workspace_id and e.profile_id = p.id and e.event = 'Flight Searched'
                       and e."timestamp" > ${from}::timestamptz and e.properties->>'destination_country' = 'Vietnam') as vietnam
        from profiles p
        where p.workspace_id = ${workspaceId}::uuid and p.last_seen_at > ${from}::timestamptz
          and coalesce(p.consent->>'personalization', '') <> 'false'`,
  );
  return rows
    .filter((r) => r.key !== null)
    .map((r) => ({
      profileId: r.profile_id,
      key: r.key!,
      known: r.user_id !== null,
      from: Number(r.from_ms),
      to: Math.max(Number(r.from_ms), Number(r.to_ms)),
      segments: new Set(typeof r.segments === "string" ? (JSON.parse(r.segments) as string[]) : r.segments),
      searchedVietnam: Boolean(r.vietnam),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

type ImpressionRow = { experience_id: string; variant: string; profile_id: string | null; targeting_key: string; holdout: boolean; at: string };
type ConversionRow = ImpressionRow & { event: string; message_id: string };

interface Exposure {
  visitor: PoolVisitor;
  variant: string;
  holdout: boolean;
  rate: number;
  first: number;
}

/** Visitors of one experience: pool members by rule order, the holdout by hash, anonymous top-ups. */
function expose(plan: Plan, pool: PoolVisitor[], rng: Rng, defaultVariant: string, holdoutPercent: number, now: number): Exposure[] {
  const out: Exposure[] = [];
  const counts = new Map<string, number>();
  const add = (visitor: PoolVisitor, group: Group) => {
    const holdout = holdoutPercent > 0 && bucketOf(`${plan.key}:${visitor.key}`) < holdoutPercent;
    if (!holdout) counts.set(group.variant, (counts.get(group.variant) ?? 0) + 1);
    const first = visitor.from + rng.next() * (visitor.to - visitor.from);
    out.push({ visitor, variant: holdout ? defaultVariant : group.variant, holdout, rate: holdout ? plan.holdoutRate : group.rate, first });
  };
  const fallback = plan.groups[plan.groups.length - 1];
  for (const visitor of pool) {
    if (plan.knownOnly && !visitor.known) continue;
    const group = plan.groups.find((g) => g.member?.(visitor)) ?? fallback;
    if (rng.chance(group.reach ?? 1)) add(visitor, group);
  }
  for (const group of plan.groups) {
    while ((counts.get(group.variant) ?? 0) < (group.floor ?? 0)) {
      add({ profileId: null, key: rng.uuid(), known: false, from: now - WINDOW_DAYS * DAY, to: now, segments: new Set(), searchedVietnam: false }, group);
    }
  }
  return out;
}

/** Impression and conversion rows of one experience: 1–3 impressions each, exactly round(rate·n) converters per group. */
function rowsFor(plan: Plan, experience: { id: string; defaultVariant: string; holdoutPercent: number; goalEvent: string | null }, pool: PoolVisitor[], now: number) {
  const rng = new Rng(SEED, hashString(plan.key));
  const exposures = expose(plan, pool, rng, experience.defaultVariant, experience.holdoutPercent, now);
  const impressions: ImpressionRow[] = [];
  const conversions: ConversionRow[] = [];
  const base = (e: Exposure, at: number): ImpressionRow => ({ experience_id: experience.id, variant: e.variant, profile_id: e.visitor.profileId, targeting_key: e.visitor.key, holdout: e.holdout, at: new Date(at).toISOString() });
  for (const e of exposures) {
    const repeats = rng.geometric(0.25, 2);
    impressions.push(base(e, e.first));
    for (let i = 0; i < repeats; i++) impressions.push(base(e, e.first + rng.next() * (Math.max(e.visitor.to, e.first) - e.first)));
  }
  if (!experience.goalEvent) return { impressions, conversions };
  const groups = new Map<string, Exposure[]>();
  for (const e of exposures) {
    const id = e.holdout ? "" : e.variant;
    const members = groups.get(id) ?? [];
    members.push(e);
    groups.set(id, members);
  }
  let n = 0;
  for (const members of groups.values()) {
    const converters = Math.round(members[0].rate * members.length);
    // A partial Fisher–Yates shuffle picks exactly `converters` of them.
    for (let i = 0; i < converters; i++) {
      const j = i + Math.floor(rng.next() * (members.length - i));
      [members[i], members[j]] = [members[j], members[i]];
      const e = members[i];
      const times = rng.chance(0.15) ? 2 : 1;
      for (let t = 0; t < times; t++) {
        const at = Math.max(e.first, Math.min(now, e.first + 60_000 + rng.exponential(2 * DAY)));
        conversions.push({ ...base(e, at), event: experience.goalEvent, message_id: `demo-history-${plan.key}-${++n}` });
      }
    }
  }
  return { impressions, conversions };
}

async function insertRows(db: Database, table: "impressions" | "conversions", workspaceId: string, rows: (ImpressionRow | ConversionRow)[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    if (table === "impressions") {
      await db.execute(sql`insert into impressions (workspace_id, experience_id, variant, profile_id, targeting_key, holdout, at)
        select ${workspaceId}::uuid, r.experience_id, r.variant, r.profile_id, r.targeting_key, r.holdout, r.at
        from jsonb_to_recordset(${json}::jsonb) as r(experience_id uuid, variant text, profile_id uuid, targeting_key text, holdout boolean, at timestamptz)`);
    } else {
      await db.execute(sql`insert into conversions (workspace_id, experience_id, variant, holdout, profile_id, targeting_key, event, message_id, at)
        select ${workspaceId}::uuid, r.experience_id, r.variant, r.holdout, r.profile_id, r.targeting_key, r.event, r.message_id, r.at
        from jsonb_to_recordset(${json}::jsonb) as r(experience_id uuid, variant text, holdout boolean, profile_id uuid, targeting_key text, event text, message_id text, at timestamptz)
        on conflict (workspace_id, experience_id, message_id) do nothing`);
    }
  }
}

/** Writes the results history of the demo experiences that exist in the workspace, ending at `now`. */
export async function writeDemoHistory(db: Database, workspaceId: string, now: Date): Promise<DemoHistoryResult> {
  const started = performance.now();
  const rows = await db
    .select({ id: experiences.id, key: experiences.key, defaultVariant: experiences.defaultVariant, holdoutPercent: experiences.holdoutPercent, goalEvent: experiences.goalEvent })
    .from(experiences)
    .where(and(eq(experiences.workspaceId, workspaceId), inArray(experiences.key, DEMO_HISTORY_PLANS.map((p) => p.key))));
  const pool = await loadPool(db, workspaceId, now);
  const impressions: ImpressionRow[] = [];
  const conversions: ConversionRow[] = [];
  for (const plan of DEMO_HISTORY_PLANS) {
    const experience = rows.find((r) => r.key === plan.key);
    if (!experience) continue;
    const made = rowsFor(plan, experience, pool, now.getTime());
    impressions.push(...made.impressions);
    conversions.push(...made.conversions);
  }
  await insertRows(db, "impressions", workspaceId, impressions);
  await insertRows(db, "conversions", workspaceId, conversions);
  await db.execute(sql`analyze impressions, conversions`);
  return { impressions: impressions.length, conversions: conversions.length, ms: Math.round(performance.now() - started) };
}
