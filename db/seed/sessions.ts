/**
 * One visit at a time: browse articles, shop, look at bank products, or search flights.
 * Each session kind emits Segment-spec events (`Page Viewed`, `Product Viewed`, `Order Completed` …)
 * a few seconds to minutes apart.
 */
import { isAffluent } from "./demographics";
import {
  ARTICLES,
  BANK_PRODUCTS,
  CATEGORIES,
  DESTINATIONS,
  PRODUCTS,
  RETAIL_CATEGORIES,
  SEARCH_QUERIES,
  SITE_URL,
  type Article,
  type BankProductType,
  type Category,
  type Destination,
  type Product,
} from "./catalog-content";
import type { ProfilePlan } from "./profile";
import type { Rng } from "./prng";
import { DAY, type SeedEvent } from "./types";

/*
 * Events repeat the same article and product payloads thousands of times. Sharing one frozen
 * object per payload lets the COPY encoder serialize each only once (see copy-format.ts).
 */
const EMPTY = Object.freeze({}) as Record<string, unknown>;
const contexts = new Map<string, Record<string, unknown>>();
const pageViews = new Map<Article, { properties: Record<string, unknown>; context: Record<string, unknown> }>();

function pageContext(path: string): Record<string, unknown> {
  let context = contexts.get(path);
  if (!context) {
    context = Object.freeze({ page: Object.freeze({ path, url: SITE_URL + path }) });
    if (contexts.size < 10_000) contexts.set(path, context); // search paths vary; keep the cache bounded
  }
  return context;
}

function pageViewFor(category: Category, article: Article) {
  let cached = pageViews.get(article);
  if (!cached) {
    const properties = Object.freeze({ category, title: article.title, path: article.path, url: SITE_URL + article.path });
    cached = { properties, context: pageContext(article.path) };
    pageViews.set(article, cached);
  }
  return cached;
}

/** Appends events of one session, advancing its clock; never writes past `until`. */
export class EventWriter {
  constructor(
    readonly rng: Rng,
    readonly out: SeedEvent[],
    public ts: number,
    private readonly until: number,
  ) {}

  private push(type: SeedEvent["type"], event: string, properties: Record<string, unknown>, context: Record<string, unknown>) {
    this.out.push({ ts: this.ts, type, event, properties, context });
    this.ts = Math.min(this.until, this.ts + 8_000 + Math.floor(this.rng.next() * 140_000));
  }

  page(category: Category, article = this.rng.pick(ARTICLES[category])) {
    const cached = pageViewFor(category, article);
    this.push("page", "Page Viewed", cached.properties, cached.context);
  }

  track(event: string, properties: Record<string, unknown>, path?: string) {
    this.push("track", event, properties, path ? pageContext(path) : EMPTY);
  }

  identify(traits: Record<string, unknown>) {
    this.push("identify", "Identify", traits, {});
  }
}

/** Mutable per-profile state that carries across sessions (order numbers, travel plans). */
export interface ProfileState {
  orders: number;
  destination: Destination | null;
  booked: string[];
  /** After a booking most people stop looking at flights for a while. */
  travelMuted: boolean;
}

export type Intent = "browse" | "shop" | "bank" | "travel";

const WEEKEND_CATEGORY: Record<Category, number> = { sports: 1.4, finance: 0.55, travel: 1.35, fashion: 1.2, technology: 0.8, food: 1.3 };

/** Page-category weights: the primary interest dominates, other interests follow, the rest is noise. */
export function categoryWeights(plan: ProfilePlan, weekend: boolean): (readonly [Category, number])[] {
  const [primary, ...others] = plan.demo.interests;
  return CATEGORIES.map((c) => {
    const base = 1 + (c === primary ? 11 : others.includes(c) ? 5 : 0);
    return [c, weekend ? base * WEEKEND_CATEGORY[c] : base] as const;
  });
}

/** What a visit is for; shaped by lifecycle, interests and the weekend. */
export function drawIntent(rng: Rng, plan: ProfilePlan, state: ProfileState, weekend: boolean): Intent {
  const has = (c: Category) => plan.demo.interests.includes(c);
  const lifecycleShop = plan.lifecycle === "customer" ? 0.6 : plan.lifecycle === "churned" ? 0.55 : plan.lifecycle === "lead" ? 0.3 : 0.2;
  const shop = lifecycleShop * (plan.demo.interests.some((c) => c !== "finance") ? 1.2 : 0.7);
  const bank = (has("finance") ? 0.45 : 0.05) * (isAffluent(plan.demo) ? 1.4 : 1);
  const travel = plan.randomTravel ? (has("travel") ? 0.55 : 0.03) * (state.travelMuted ? 0.15 : 1) : 0;
  return rng.weighted<Intent>([
    ["browse", 1],
    ["shop", weekend ? shop * 1.2 : shop],
    ["bank", weekend ? bank * 0.5 : bank],
    ["travel", weekend ? travel * 1.4 : travel],
  ]);
}

/** Reads a few articles, mostly in one category (people binge one topic per visit). */
export function browseSession(w: EventWriter, plan: ProfilePlan, weekend: boolean, category?: Category, pages?: number) {
  const weights = categoryWeights(plan, weekend);
  const favourite = category ?? w.rng.weighted(weights);
  const count = pages ?? 1 + w.rng.geometric(0.55, 12);
  for (let i = 0; i < count; i++) w.page(i === 0 || w.rng.chance(0.75) ? favourite : w.rng.weighted(weights));
}

function lineItem(p: Product, quantity: number) {
  return { product_id: p.product_id, name: p.name, category: p.category, price: p.price, quantity };
}

/** Search → view → add → checkout → order, dropping off at each step like a real funnel. */
export function shopSession(w: EventWriter, plan: ProfilePlan, state: ProfileState, signedIn: boolean, forceOrder = false) {
  const { rng } = w;
  const weights = categoryWeights(plan, false).filter(([c]) => (RETAIL_CATEGORIES as readonly string[]).includes(c));
  const category = rng.weighted(weights) as (typeof RETAIL_CATEGORIES)[number];
  if (rng.chance(0.5)) {
    const query = rng.pick(SEARCH_QUERIES[category]);
    w.track("Products Searched", { query }, `/search?q=${encodeURIComponent(query)}`);
  }
  const shelf = PRODUCTS[category];
  const viewed = rng.weightedDistinct(shelf.map((p) => [p, 1] as const), 1 + rng.geometric(0.45, 4));
  for (const p of viewed) w.track("Product Viewed", p as unknown as Record<string, unknown>, `/products/${p.product_id}`);
  const addChance = plan.lifecycle === "customer" || plan.lifecycle === "churned" ? 0.5 : 0.25;
  if (!forceOrder && !rng.chance(addChance)) return;
  const cart = viewed.slice(0, rng.chance(0.25) ? 2 : 1).map((p) => lineItem(p, rng.chance(0.8) ? 1 : 2));
  for (const item of cart) w.track("Product Added", item, `/products/${item.product_id}`);
  if (!forceOrder && !rng.chance(0.6)) return;
  const orderId = `ord_${plan.index + 1}_${++state.orders}`;
  const revenue = Math.round(cart.reduce((sum, i) => sum + i.price * i.quantity, 0) * 100) / 100;
  w.track("Checkout Started", { order_id: orderId, value: revenue, currency: "USD", products: cart }, "/checkout");
  if (!signedIn || !(forceOrder || rng.chance(plan.orderChance))) return;
  w.track("Order Completed", { order_id: orderId, revenue, currency: "USD", products: cart }, "/checkout/complete");
}

/** Which bank products a person looks at: funds for the affluent, mortgages for families. */
function bankPreference(plan: ProfilePlan): (readonly [BankProductType, number])[] {
  const affluent = isAffluent(plan.demo);
  if (affluent) return [["mutual_fund", 70], ["savings", 15], ["mortgage", plan.demo.lifestyle === "family" ? 35 : 15]];
  if (plan.demo.lifestyle === "family") return [["mortgage", 55], ["savings", 35], ["mutual_fund", 10]];
  return [["savings", 60], ["mortgage", 25], ["mutual_fund", 15]];
}

export function bankSession(w: EventWriter, plan: ProfilePlan, type?: BankProductType) {
  const { rng } = w;
  if (rng.chance(0.5)) w.page("finance");
  if (rng.chance(0.25)) w.track("Products Searched", { query: rng.pick(SEARCH_QUERIES.finance) }, "/search");
  const views = 1 + rng.geometric(0.35, 3);
  for (let i = 0; i < views; i++) {
    const p = rng.pick(BANK_PRODUCTS[type ?? rng.weighted(bankPreference(plan))]);
    w.track("Product Viewed", p as unknown as Record<string, unknown>, `/banking/${p.product_id}`);
  }
}

function nextDestination(rng: Rng, plan: ProfilePlan, state: ProfileState): Destination {
  const open = DESTINATIONS.filter((d) => !state.booked.includes(d.city) && d.city !== plan.demo.city);
  return rng.weighted((open.length ? open : DESTINATIONS).map((d) => [d, d.weight] as const));
}

/**
 * Searches flights to one destination (people search the same trip again and again) and
 * sometimes books it. After a booking, that destination is never searched again.
 */
export function travelSession(w: EventWriter, plan: ProfilePlan, state: ProfileState, signedIn: boolean, forced?: { destination: Destination; book: boolean }) {
  const { rng } = w;
  const dest = forced?.destination ?? (state.destination ??= nextDestination(rng, plan, state));
  if (rng.chance(0.4)) w.page("travel");
  const departure = new Date(w.ts + rng.int(14, 120) * DAY).toISOString().slice(0, 10);
  const passengers = rng.weighted([[1, 50], [2, 35], [3, 8], [4, 7]] as const);
  const trip = { origin: plan.demo.city, destination: dest.city, destination_country: dest.country, departure_date: departure, passengers };
  const searches = forced ? 1 : 1 + rng.geometric(0.4, 3);
  for (let i = 0; i < searches; i++) w.track("Flight Searched", trip, `/flights?to=${encodeURIComponent(dest.city)}`);
  const bookChance = plan.lifecycle === "lead" ? 0.1 : 0.22;
  if (!(forced ? forced.book : signedIn && rng.chance(bookChance))) return;
  const revenue = Math.round(dest.fare * passengers * rng.between(0.85, 1.15));
  w.track("Flight Booked", { ...trip, revenue, currency: "USD", booking_id: `bk_${plan.index + 1}_${state.booked.length + 1}` }, "/flights/confirmation");
  state.booked.push(dest.city);
  state.destination = null;
  state.travelMuted = rng.chance(0.6);
}
