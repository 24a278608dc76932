/**
 * Realistic Segment traffic for the ingestion benchmark: each client keeps a pool of active
 * visitors (new anonymous visitors and returning known users of the seeded population) and sends
 * page, track and identify calls for them; some anonymous visitors log in, which merges profiles.
 */
import { randomUUID } from "node:crypto";

export interface Population {
  /** Known users of the seeded population, each with one of their anonymous ids. */
  users: { userId: string; anonymousId: string }[];
  /** Anonymous ids of seeded profiles without a userId. */
  anonymousIds: string[];
}

interface Visitor {
  anonymousId: string;
  userId: string | null;
  ua: string;
}

const UAS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
];
const CATEGORIES = ["sports", "finance", "news", "travel", "fashion", "tech"];
const PRODUCTS = [
  { product_type: "savings", category: "bank" },
  { product_type: "mutual_fund", category: "bank" },
  { product_type: "sneaker", category: "fashion" },
  { product_type: "jacket", category: "fashion" },
  { product_type: "flight", category: "travel" },
];
const CAMPAIGNS = [null, null, null, { source: "newsletter", medium: "email", name: "spring" }, { source: "google", medium: "cpc", name: "brand" }];

/** A deterministic-enough PRNG (mulberry32): cheap, and keeps clients' traffic independent. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Makes batch bodies for one client. */
export function createTraffic(population: Population, seed: number, options: { activeVisitors?: number } = {}) {
  const random = rng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const size = options.activeVisitors ?? 300;
  let newUsers = 0;
  const newVisitor = (): Visitor => {
    // Half new anonymous visitors; the rest return: known users, or anonymous visitors seen before.
    const r = random();
    if (r < 0.35 && population.users.length) return { ...pick(population.users), ua: pick(UAS) };
    if (r < 0.5 && population.anonymousIds.length) return { anonymousId: pick(population.anonymousIds), userId: null, ua: pick(UAS) };
    return { anonymousId: randomUUID(), userId: null, ua: pick(UAS) };
  };
  const visitors = Array.from({ length: size }, newVisitor);

  const message = (now: string): Record<string, unknown> => {
    const slot = Math.floor(random() * visitors.length);
    if (random() < 0.05) visitors[slot] = newVisitor(); // visitors come and go
    const v = visitors[slot];
    const ids: Record<string, unknown> = v.userId ? { userId: v.userId, anonymousId: v.anonymousId } : { anonymousId: v.anonymousId };
    const category = pick(CATEGORIES);
    const campaign = pick(CAMPAIGNS);
    const context: Record<string, unknown> = { userAgent: v.ua, page: { url: `https://acme.example/${category}/a${Math.floor(random() * 500)}`, path: `/${category}` }, locale: "en-US" };
    if (campaign) context.campaign = campaign;
    const base = { ...ids, messageId: randomUUID(), timestamp: now, context };
    const r = random();
    if (r < 0.55) return { type: "page", ...base, name: `Article ${Math.floor(random() * 1000)}`, category, properties: { category, title: "An article" } };
    if (r < 0.9) {
      const p = pick(PRODUCTS);
      const t = random();
      if (t < 0.6) return { type: "track", ...base, event: "Product Viewed", properties: { ...p, price: Math.round(random() * 200) } };
      if (t < 0.85) return { type: "track", ...base, event: "Product Added", properties: { ...p, quantity: 1 } };
      if (t < 0.95) return { type: "track", ...base, event: "Order Completed", properties: { revenue: Math.round(random() * 30000) / 100, currency: "EUR" } };
      return { type: "track", ...base, event: "Flight Booked", properties: { destination: "LIS" } };
    }
    if (!v.userId && random() < 0.4) {
      // A login: the anonymous visitor becomes a (new or known) user, merging profiles.
      v.userId = random() < 0.3 && population.users.length ? pick(population.users).userId : `bench-user-${seed}-${++newUsers}`;
      return { type: "identify", ...base, userId: v.userId, traits: { plan: pick(["free", "pro"]), age: 18 + Math.floor(random() * 50) } };
    }
    return { type: "identify", ...base, traits: { credit_score: 500 + Math.floor(random() * 350) } };
  };

  return {
    /** One `/batch` body of `n` messages, serialized. */
    batch(n: number): string {
      const now = new Date().toISOString();
      const batch = Array.from({ length: n }, () => message(now));
      return JSON.stringify({ batch, sentAt: now });
    },
  };
}
