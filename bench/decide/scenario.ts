/**
 * What the decision benchmark serves: 12 segments (the demo ones and four more, members stored),
 * 10 slots and 20 live experiences over them — segment audiences, inline rules with event windows,
 * property filters and request context, holdouts, frequency caps, suppression, schedules, Liquid
 * merge tags reading traits and the visitor's last events, rich text. Created through the same
 * functions the authoring API uses, once per dataset (a version marker says when to redo it).
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbHandle } from "@/db/client";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit";
import { createExperience, publishExperience } from "@/lib/personalization/experiences";
import { createSlot } from "@/lib/personalization/slots";
import { DEMO_SEGMENTS } from "@/lib/segments/demo-segments";
import { createSegment } from "@/lib/segments/save-segment";

const VERSION = 1;
const DAY = 86_400_000;

const did = (event: string, days: number | null, filters: object[] = [], atLeast = 1) => ({
  type: "event",
  event,
  filters,
  measure: { kind: "count" },
  comparison: { op: "at_least", value: atLeast },
  window: days === null ? { kind: "ever" } : { kind: "last", amount: days, unit: "days" },
});
const eq = (property: string, value: string) => ({ property, operator: "equals", value });
const trait = (field: string, operator: string, value?: unknown) => ({ type: "trait", field, operator, ...(value === undefined ? {} : { value }) });
const all = (...children: object[]) => ({ type: "group", op: "and", children });
const any = (...children: object[]) => ({ type: "group", op: "or", children });

const EXTRA_SEGMENTS = [
  { key: "travel-planners", name: "Travel planners", rule: all(did("Flight Searched", 30, [], 2)) },
  { key: "vietnam-interest", name: "Interested in Vietnam", rule: all(did("Flight Searched", 60, [eq("destination_country", "Vietnam")])) },
  { key: "high-value", name: "High-value customers", rule: all({ ...did("Order Completed", null), measure: { kind: "sum", property: "revenue" }, comparison: { op: "at_least", value: 500 } }) },
  { key: "newsletter-readers", name: "Newsletter readers", rule: all(did("Email Opened", 30, [], 2)) },
];

const text = (key: string, required = false) => ({ key, type: "text" as const, required });
const SLOTS = [
  { key: "home-hero", name: "Home hero", fields: [text("headline", true), { key: "body", type: "rich_text" as const, required: false }, { key: "cta", type: "link" as const, required: false }, { key: "image", type: "image_url" as const, required: false }] },
  { key: "travel-offer", name: "Travel offer", fields: [text("headline", true), { key: "body", type: "rich_text" as const, required: false }, { key: "cta", type: "link" as const, required: false }] },
  { key: "bank-offer", name: "Bank offer", fields: [text("headline", true), text("body")] },
  { key: "greeting", name: "Greeting", fields: [text("text", true)] },
  { key: "promo-banner", name: "Promo banner", fields: [text("headline", true), { key: "cta", type: "link" as const, required: false }] },
  { key: "article-sidebar", name: "Article sidebar", fields: [text("headline", true), { key: "link", type: "link" as const, required: false }] },
  { key: "checkout-upsell", name: "Checkout upsell", fields: [text("headline", true), { key: "products", type: "product_list" as const, required: false }] },
  { key: "newsletter-cta", name: "Newsletter call to action", fields: [text("headline", true), { key: "body", type: "rich_text" as const, required: false }] },
  { key: "footer", name: "Footer note", fields: [text("text", true)] },
  { key: "app-banner", name: "App banner", fields: [text("headline", true), { key: "cta", type: "link" as const, required: false }] },
];
/** Slots the load picks from, one at random per request. */
export const SLOT_KEYS = SLOTS.map((s) => s.key);

const v = (name: string, content: Record<string, unknown>) => ({ name, content });
const url = (path: string) => `https://shop.example.test${path}`;

function experiences(now: number) {
  return [
    {
      key: "hero-interests", slot: "home-hero", priority: 10, holdoutPercent: 10, goalEvent: "Order Completed",
      rules: [
        { id: "sports", audience: { segments: ["sports-readers"] }, variant: "sports" },
        { id: "finance", audience: { segments: ["finance-readers"] }, variant: "finance" },
        { id: "tech", audience: { rule: all(did("Page Viewed", 14, [eq("category", "technology")], 2)) }, variant: "tech" },
      ],
      variants: {
        sports: v("Sports", { headline: 'Game day, {{ traits.first_name | default: "champ" }}', body: "<p>Today's <strong>match reports</strong> and deals.</p>", cta: url("/sports") }),
        finance: v("Finance", { headline: "Markets today for {{ traits.first_name | default: \"you\" }}", body: "<p>Your <em>weekly</em> brief.</p>", cta: url("/finance") }),
        tech: v("Tech", { headline: "New in technology", body: '<p>Because you read {{ events.last["Page Viewed"].title | default: "our stories" }}</p>', cta: url("/technology") }),
        generic: v("Generic", { headline: 'Hello {{ traits.first_name | default: "there" }}', body: "<p>Stories for everyone.</p>", image: url("/hero.jpg") }),
      },
      defaultVariant: "generic",
    },
    {
      key: "hero-season", slot: "home-hero", priority: 20, scheduleStart: new Date(now - 30 * DAY).toISOString(), scheduleEnd: new Date(now + 365 * DAY).toISOString(),
      rules: [{ id: "all", audience: { everyone: true }, variant: "season" }],
      variants: { season: v("Season", { headline: "The season's picks" }) }, defaultVariant: "season",
    },
    {
      key: "vietnam-offer", slot: "travel-offer", priority: 10, frequencyCap: { max: 3, per: "day" }, goalEvent: "Flight Booked",
      suppression: { event: "Flight Booked", filters: [eq("destination_country", "Vietnam")] },
      rules: [
        { id: "vietnam", audience: { segments: ["vietnam-interest"] }, variant: "vietnam" },
        { id: "searchers", audience: { rule: all(did("Flight Searched", 30)) }, variant: "searched" },
      ],
      variants: {
        vietnam: v("Vietnam", { headline: "Hanoi from {{ events.last[\"Flight Searched\"].origin | default: \"your city\" }}", body: "<p>Flights to <strong>Vietnam</strong> this month.</p>", cta: url("/travel/vietnam") }),
        searched: v("Searched", { headline: 'Still thinking about {{ events.last["Flight Searched"].destination | default: "a trip" }}?', cta: url("/travel") }),
        none: v("None", { headline: "Travel deals" }),
      },
      defaultVariant: "none",
    },
    {
      key: "travel-campaign", slot: "travel-offer", priority: 50,
      rules: [{ id: "getaway", audience: { rule: all(trait("context.utm_campaign", "equals", "vietnam-getaway")) }, variant: "getaway" }],
      variants: { getaway: v("Getaway", { headline: "Your Vietnam getaway" }), plain: v("Plain", { headline: "Where to next?" }) }, defaultVariant: "plain",
    },
    {
      key: "bank-investing", slot: "bank-offer", priority: 10, holdoutPercent: 5, goalEvent: "Product Viewed",
      rules: [
        { id: "savers", audience: { segments: ["investing-savers"] }, variant: "invest" },
        { id: "prime", audience: { rule: all(trait("traits.credit_score", "gte", 750)) }, variant: "prime" },
      ],
      variants: {
        invest: v("Invest", { headline: "Talk funds at {{ traits.home_branch | default: \"your branch\" }}", body: "Book a meeting this week." }),
        prime: v("Prime", { headline: "A rate for excellent credit", body: "Pre-approved, {{ traits.first_name | default: \"friend\" }}." }),
        standard: v("Standard", { headline: "Save a little every month" }),
      },
      defaultVariant: "standard",
    },
    {
      key: "bank-fallback", slot: "bank-offer", priority: 90,
      rules: [{ id: "all", audience: { everyone: true }, variant: "std" }], variants: { std: v("Std", { headline: "Open an account" }) }, defaultVariant: "std",
    },
    {
      key: "greeting-name", slot: "greeting", priority: 10,
      rules: [{ id: "named", audience: { rule: all(trait("traits.first_name", "exists")) }, variant: "named" }],
      variants: { named: v("Named", { text: "Hi {{ traits.first_name | capitalize }}" }), anon: v("Anonymous", { text: "Hello there" }) }, defaultVariant: "anon",
    },
    {
      key: "promo-winback", slot: "promo-banner", priority: 10, frequencyCap: { max: 2, per: "week" }, goalEvent: "Order Completed",
      rules: [{ id: "lapsed", audience: { segments: ["lapsed-customers"] }, variant: "winback" }],
      variants: { winback: v("Win back", { headline: "We miss you: 15% off", cta: url("/deals") }), none: v("None", { headline: "New this week" }) }, defaultVariant: "none",
    },
    {
      key: "promo-fashion", slot: "promo-banner", priority: 20, holdoutPercent: 10,
      rules: [
        { id: "fashion-buyers", audience: { segments: ["young-fashion-buyers"] }, variant: "fashion" },
        { id: "fashion-cart", audience: { rule: all(did("Product Added", 7, [eq("category", "fashion")])) }, variant: "cart" },
      ],
      variants: { fashion: v("Fashion", { headline: "New season styles" }), cart: v("Cart", { headline: "Still in your cart: {{ events.last[\"Product Added\"].name | default: \"your picks\" }}" }), none: v("None", { headline: "Deals" }) },
      defaultVariant: "none",
    },
    {
      key: "promo-default", slot: "promo-banner", priority: 100, frequencyCap: { max: 5, per: "day" },
      rules: [{ id: "all", audience: { everyone: true }, variant: "deals" }], variants: { deals: v("Deals", { headline: "Today's deals", cta: url("/deals") }) }, defaultVariant: "deals",
    },
    {
      key: "sidebar-sports", slot: "article-sidebar", priority: 10,
      rules: [
        { id: "mobile-fans", audience: { rule: all(did("Page Viewed", 7, [eq("category", "sports")]), trait("context.device", "equals", "mobile")) }, variant: "mobile" },
        { id: "not-buying", audience: { segments: ["sports-readers-not-buying"] }, variant: "shop" },
      ],
      variants: { mobile: v("Mobile", { headline: "Live scores in the app", link: url("/app") }), shop: v("Shop", { headline: "Kit for the season", link: url("/shop/sports") }), none: v("None", { headline: "Most read" }) },
      defaultVariant: "none",
    },
    {
      key: "sidebar-finance", slot: "article-sidebar", priority: 20,
      rules: [{ id: "finance", audience: { segments: ["finance-readers"] }, variant: "finance" }],
      variants: { finance: v("Finance", { headline: "Markets newsletter", link: url("/newsletters/markets") }), none: v("None", { headline: "Popular" }) }, defaultVariant: "none",
    },
    {
      key: "sidebar-default", slot: "article-sidebar", priority: 100,
      rules: [{ id: "all", audience: { everyone: true }, variant: "popular" }], variants: { popular: v("Popular", { headline: "Popular now" }) }, defaultVariant: "popular",
    },
    {
      key: "upsell-buyers", slot: "checkout-upsell", priority: 10, frequencyCap: { max: 3, per: "day" },
      rules: [
        { id: "recent", audience: { segments: ["recent-buyers"] }, variant: "thanks" },
        { id: "browsers", audience: { rule: all(did("Product Viewed", 3, [], 3)) }, variant: "reminder" },
      ],
      variants: {
        thanks: v("Thanks", { headline: "Thanks for your order, {{ traits.first_name | default: \"friend\" }}", products: [{ product_id: "sku-1300", name: "Single-Origin Coffee Beans", price: 18 }] }),
        reminder: v("Reminder", { headline: "You looked at {{ events.last[\"Product Viewed\"].name | default: \"something nice\" }}" }),
        none: v("None", { headline: "Complete your order" }),
      },
      defaultVariant: "none",
    },
    {
      key: "upsell-vip", slot: "checkout-upsell", priority: 20,
      rules: [{ id: "vip", audience: { segments: ["high-value"] }, variant: "vip" }],
      variants: { vip: v("VIP", { headline: "Free express shipping for you" }), none: v("None", { headline: "Add a gift card" }) }, defaultVariant: "none",
    },
    {
      key: "newsletter-signup", slot: "newsletter-cta", priority: 10, suppression: { event: "Email Link Clicked", filters: [] },
      rules: [{ id: "not-subscribed", audience: { rule: all(trait("traits.newsletter", "is_false")) }, variant: "subscribe" }],
      variants: { subscribe: v("Subscribe", { headline: "Get the weekly digest", body: "<p>One email, <strong>every Friday</strong>.</p>" }), none: v("None", { headline: "Newsletters" }) },
      defaultVariant: "none",
    },
    {
      key: "newsletter-readers", slot: "newsletter-cta", priority: 20, holdoutPercent: 20,
      rules: [{ id: "readers", audience: { segments: ["newsletter-readers", "travel-planners"] }, variant: "digest" }],
      variants: { digest: v("Digest", { headline: "Thanks for reading, {{ traits.first_name | default: \"reader\" }}", body: "<p>Manage your <a href=\"https://shop.example.test/prefs\">preferences</a>.</p>" }), none: v("None", { headline: "Stay in touch" }) },
      defaultVariant: "none",
    },
    {
      key: "footer-country", slot: "footer", priority: 10,
      rules: [
        { id: "uk", audience: { rule: any(trait("traits.country", "equals", "GB"), trait("context.locale", "equals", "en-GB")) }, variant: "uk" },
        { id: "us", audience: { rule: all(trait("traits.country", "equals", "US")) }, variant: "us" },
      ],
      variants: { uk: v("UK", { text: "Free UK delivery over £40" }), us: v("US", { text: "Free US shipping over $50" }), world: v("World", { text: "We ship worldwide" }) },
      defaultVariant: "world",
    },
    {
      key: "app-ios", slot: "app-banner", priority: 10,
      rules: [{ id: "ios", audience: { rule: all(trait("context.device", "equals", "mobile"), trait("context.os", "equals", "iOS")) }, variant: "ios" }],
      variants: { ios: v("iOS", { headline: "Get the iPhone app", cta: "https://apps.example.test/ios" }), none: v("None", { headline: "Get our apps" }) }, defaultVariant: "none",
    },
    {
      key: "app-android", slot: "app-banner", priority: 20,
      rules: [{ id: "android", audience: { rule: all(trait("context.os", "equals", "Android")) }, variant: "android" }],
      variants: { android: v("Android", { headline: "Get the Android app", cta: "https://apps.example.test/android" }), none: v("None", { headline: "Get our apps" }) }, defaultVariant: "none",
    },
  ];
}

/** Creates the segments, slots and live experiences unless this version of them is already there. */
export async function ensureScenario(handle: DbHandle, workspaceId: string, log: (line: string) => void): Promise<{ experiences: number; segments: number; seconds: number }> {
  const { db } = handle;
  const [marker] = await queryRows<{ value: { version: number; experiences: number; segments: number; seconds: number } }>(db, sql`select value from bench_dataset where key = 'decide-scenario'`);
  if (marker?.value.version === VERSION) return marker.value;
  const t0 = performance.now();
  await db.execute(sql`delete from bench_dataset where key = 'decide-scenario'`);
  for (const table of ["impressions", "conversions", "experience_versions", "experiences", "slots", "segment_membership_changes", "segment_members", "segment_versions", "segments"]) {
    await db.execute(sql.raw(`delete from ${table}`));
  }
  const scope = { workspaceId, actor: SYSTEM_ACTOR };
  const segments = [...DEMO_SEGMENTS, ...EXTRA_SEGMENTS];
  for (const s of segments) {
    const t = performance.now();
    await createSegment(db, scope, s);
    log(`  segment ${s.key}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  for (const s of SLOTS) await createSlot(db, scope, { ...s, channel: "web" });
  const list = experiences(Date.now());
  for (const e of list) {
    await createExperience(db, scope, { name: e.key, ...e });
    await publishExperience(db, scope, e.key);
  }
  const value = { version: VERSION, experiences: list.length, segments: segments.length, seconds: Math.round((performance.now() - t0) / 1000) };
  await db.execute(sql`insert into bench_dataset (key, value) values ('decide-scenario', ${JSON.stringify(value)}::jsonb)`);
  await db.execute(sql`vacuum analyze segment_members`);
  return value;
}
