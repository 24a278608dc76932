/**
 * Recommendation blocks: a `product_list` field holding `{ "recommend": { strategy, count } }` is
 * filled at decision time with products for the visitor. `engaged_categories` shares the list
 * among the categories the visitor engaged with most in the last 90 days (article reads, product
 * views, cart adds), leaves out what they already bought, and tops up with the workspace's most
 * popular products; `popular` (and any visitor without history) gets the most popular ones.
 *
 * Cost: one indexed query per decision that renders a block (events by profile, event and time),
 * plus the popular list, computed per workspace at most every 60 s and served stale meanwhile.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { EventFact } from "@/lib/rules/evaluate";
import type { Recommend } from "./render-content";
import { preparedRunner } from "./run-prepared";
import type { ProductItem, RecommendationBlock } from "./schemas";

const DAY = 86_400_000;
/** How far back a visitor's engagement counts. */
export const ENGAGEMENT_DAYS = 90;
/** How far back popularity counts. */
export const POPULAR_DAYS = 30;
/** Engagement per event, by the event's `category` property: a cart add says more than a read. */
export const ENGAGEMENT_WEIGHTS: Readonly<Record<string, number>> = { "Page Viewed": 1, "Product Viewed": 2, "Product Added": 3 };
export const PURCHASE_EVENT = "Order Completed";
const VIEW_EVENT = "Product Viewed";
const POPULAR_TTL_MS = 60_000;
const POPULAR_LIMIT = 200;
/** Popularity reads at most the latest this many views and orders, so its cost stays bounded at any volume. */
const MAX_VIEWS_SCANNED = 5_000;
const MAX_ORDERS_SCANNED = 1_000;

export interface PopularProduct extends ProductItem {
  /** Views plus units purchased in the last 30 days. */
  score: number;
}

export interface Engagement {
  /** Lower-cased category → weighted engagement. */
  categories: Map<string, number>;
  /** Product ids the visitor ever bought. */
  bought: Set<string>;
}

type PopularRow = { product_id: string; score: number; props: Record<string, unknown>; page_url: string | null };

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** Product details from the latest event that carried them (Segment spec: url, image_url). */
function productFrom(row: PopularRow): PopularProduct {
  const p = row.props;
  return {
    product_id: row.product_id,
    name: text(p.name) ?? row.product_id,
    category: text(p.category),
    price: typeof p.price === "number" ? p.price : null,
    url: text(p.url) ?? row.page_url,
    image: text(p.image_url) ?? text(p.image),
    score: Number(row.score),
  };
}

/** The workspace's most popular products now (uncached): views plus units bought in the last 30 days. */
export async function loadPopularProducts(db: Database, workspaceId: string, now: Date): Promise<PopularProduct[]> {
  const from = new Date(now.getTime() - POPULAR_DAYS * DAY).toISOString();
  const to = now.toISOString();
  const rows = await queryRows<PopularRow>(
    db,
    sql`with views as (
          select properties, context, "timestamp" from events
          where workspace_id = ${workspaceId}::uuid and event = ${VIEW_EVENT} and "timestamp" > ${from}::timestamptz and "timestamp" <= ${to}::timestamptz
          order by "timestamp" desc limit ${MAX_VIEWS_SCANNED}
        ), orders as (
          select properties, "timestamp" from events
          where workspace_id = ${workspaceId}::uuid and event = ${PURCHASE_EVENT} and "timestamp" > ${from}::timestamptz and "timestamp" <= ${to}::timestamptz
          order by "timestamp" desc limit ${MAX_ORDERS_SCANNED}
        ), items as (
          select v.properties->>'product_id' as product_id, v.properties as props, v.context->'page'->>'url' as page_url, v."timestamp" as ts, 1 as n
          from views v where jsonb_typeof(v.properties->'product_id') = 'string'
          union all
          select i->>'product_id', i, null, o."timestamp",
                 case when jsonb_typeof(i->'quantity') = 'number' then greatest(1, least(100, (i->>'quantity')::float8))::int else 1 end
          from orders o cross join lateral jsonb_array_elements(
            case when jsonb_typeof(o.properties->'products') = 'array' then o.properties->'products' else '[]'::jsonb end) i
          where jsonb_typeof(i) = 'object' and jsonb_typeof(i->'product_id') = 'string'
        )
        select product_id, sum(n)::float8 as score,
               (array_agg(props order by ts desc))[1] as props,
               (array_agg(page_url order by ts desc) filter (where page_url is not null))[1] as page_url
        from items group by product_id
        order by score desc, product_id limit ${POPULAR_LIMIT}`,
  );
  return rows.map(productFrom);
}

interface CacheEntry {
  at: number;
  value?: PopularProduct[];
  pending?: Promise<PopularProduct[]>;
}
const state = globalThis as unknown as { __tailorPopularProducts?: Map<string, CacheEntry> };
const cache = (state.__tailorPopularProducts ??= new Map());

/**
 * The popular products of a workspace, recomputed at most every 60 s; a stale list keeps serving
 * while the next one loads (and when loading fails), so only a cold start waits for the query.
 */
export async function getPopularProducts(db: Database, workspaceId: string, now: Date): Promise<PopularProduct[]> {
  const entry = cache.get(workspaceId) ?? { at: 0 };
  cache.set(workspaceId, entry);
  const fresh = Date.now() - entry.at < POPULAR_TTL_MS;
  if (entry.value && fresh) return entry.value;
  entry.pending ??= loadPopularProducts(db, workspaceId, now)
    .then((value) => {
      entry.value = value;
      entry.at = Date.now();
      return value;
    })
    .finally(() => {
      entry.pending = undefined;
    });
  if (entry.value) {
    entry.pending.catch((error: unknown) => console.error(`[tailor] popular products of workspace ${workspaceId} could not be refreshed`, error));
    return entry.value;
  }
  return entry.pending;
}

/** Starts loading the popular list if it is cold or stale, without waiting (decide overlaps it with the visitor load). */
export function warmPopularProducts(db: Database, workspaceId: string, now: Date): void {
  getPopularProducts(db, workspaceId, now).catch(() => {}); // a failure surfaces where the list is awaited
}

/** The last popular list of a workspace without touching the database (for decisions during an outage). */
export function peekPopularProducts(workspaceId: string): PopularProduct[] {
  return cache.get(workspaceId)?.value ?? [];
}

/** Forgets cached popular lists (tests, or after bulk loads). */
export function clearPopularProducts(workspaceId?: string): void {
  if (workspaceId) cache.delete(workspaceId);
  else cache.clear();
}

/*
 * One visitor's engagement, as a fixed text run as a prepared statement (one round trip on the
 * decision path). Both halves read events by (workspace, profile, event, time): the index
 * events_profile_event_time_idx. $1 workspace, $2 profile, $3 from, $4 to, $5 weights, $6 purchase event.
 */
const ENGAGEMENT_SQL = `select 'category'::text as kind, lower(e.properties->>'category') as key, sum(w.weight)::float8 as score
  from jsonb_to_recordset($5::jsonb) as w(event text, weight float8)
  join events e on e.workspace_id = $1::uuid and e.profile_id = $2::uuid and e.event = w.event
    and e."timestamp" > $3::timestamptz and e."timestamp" <= $4::timestamptz
  where jsonb_typeof(e.properties->'category') = 'string'
  group by 2
  union all
  select 'bought'::text, i->>'product_id', 0::float8
  from events e cross join lateral jsonb_array_elements(
    case when jsonb_typeof(e.properties->'products') = 'array' then e.properties->'products' else jsonb_build_array(e.properties) end) i
  where e.workspace_id = $1::uuid and e.profile_id = $2::uuid and e.event = $6::text
    and e."timestamp" <= $4::timestamptz and jsonb_typeof(i) = 'object' and jsonb_typeof(i->'product_id') = 'string'
  group by 2`;
const WEIGHTS_JSON = JSON.stringify(Object.entries(ENGAGEMENT_WEIGHTS).map(([event, weight]) => ({ event, weight })));

/** One visitor's engaged categories (last 90 days) and bought products (ever), in one indexed query. */
export async function loadEngagement(db: Database, params: { workspaceId: string; profileId: string; now: Date }): Promise<Engagement> {
  const from = new Date(params.now.getTime() - ENGAGEMENT_DAYS * DAY).toISOString();
  const rows = (await preparedRunner(db)(ENGAGEMENT_SQL, [params.workspaceId, params.profileId, from, params.now.toISOString(), WEIGHTS_JSON, PURCHASE_EVENT])) as { kind: string; key: string; score: number }[];
  const engagement: Engagement = { categories: new Map(), bought: new Set() };
  for (const r of rows) {
    if (r.kind === "category") engagement.categories.set(r.key, Number(r.score));
    else engagement.bought.add(r.key);
  }
  return engagement;
}

/** The same engagement from events in memory (a composed visitor in the preview). */
export function engagementFromEvents(events: readonly EventFact[], now: Date): Engagement {
  const engagement: Engagement = { categories: new Map(), bought: new Set() };
  const from = now.getTime() - ENGAGEMENT_DAYS * DAY;
  for (const e of events) {
    const at = e.timestamp.getTime();
    if (at > now.getTime()) continue;
    const weight = ENGAGEMENT_WEIGHTS[e.event];
    const category = e.properties.category;
    if (weight && at > from && typeof category === "string") {
      const key = category.toLowerCase();
      engagement.categories.set(key, (engagement.categories.get(key) ?? 0) + weight);
    }
    if (e.event === PURCHASE_EVENT) {
      const items = Array.isArray(e.properties.products) ? e.properties.products : [e.properties];
      for (const item of items) {
        const id = (item as Record<string, unknown> | null)?.product_id;
        if (typeof id === "string") engagement.bought.add(id);
      }
    }
  }
  return engagement;
}

function toItem({ score: _score, ...item }: PopularProduct): ProductItem {
  return item;
}

/**
 * Ranks products for one block. Categories share the list in proportion to engagement (the k-th
 * product of a category with weight w ranks at (2k + 1) / w, Sainte-Laguë style), most popular
 * first within a category; bought products never appear; popular products fill what is left.
 */
export function rankRecommendations(popular: readonly PopularProduct[], engagement: Engagement | null, block: RecommendationBlock): ProductItem[] {
  const available = popular.filter((p) => !engagement?.bought.has(p.product_id));
  const picked = new Set<PopularProduct>();
  if (block.strategy === "engaged_categories" && engagement && engagement.categories.size > 0) {
    const taken = new Map<string, number>();
    const ranked: { product: PopularProduct; rank: number }[] = [];
    for (const product of available) {
      const key = product.category?.toLowerCase() ?? "";
      const weight = engagement.categories.get(key);
      if (!weight) continue;
      const k = taken.get(key) ?? 0;
      taken.set(key, k + 1);
      ranked.push({ product, rank: (2 * k + 1) / weight });
    }
    ranked.sort((a, b) => a.rank - b.rank); // stable: equal ranks keep popularity order
    for (const { product } of ranked.slice(0, block.count)) picked.add(product);
  }
  for (const product of available) {
    if (picked.size >= block.count) break;
    picked.add(product);
  }
  return [...picked].map(toItem);
}

/**
 * A `Recommend` for one decision. Nothing is read until a block is rendered; the visitor's
 * engagement and the popular list are then read once and shared by every block of the decision.
 * `profileId: null` with `events` ranks from those events (a composed visitor); with neither,
 * the visitor is a first-timer and gets the popular products.
 */
export function createRecommender(db: Database, params: { workspaceId: string; profileId: string | null; events?: readonly EventFact[]; now: Date }): Recommend {
  let engagement: Promise<Engagement | null> | null = null;
  let popular: Promise<PopularProduct[]> | null = null;
  return async (block) => {
    popular ??= getPopularProducts(db, params.workspaceId, params.now);
    engagement ??= params.profileId
      ? loadEngagement(db, { workspaceId: params.workspaceId, profileId: params.profileId, now: params.now })
      : Promise.resolve(params.events?.length ? engagementFromEvents(params.events, params.now) : null);
    const [list, mine] = await Promise.all([popular, engagement]);
    return rankRecommendations(list, mine, block);
  };
}

