/**
 * The demo workspace's personalization: the slots of the demo site and one live experience on
 * each, built from the demo segments and the seed's events (`Flight Searched` / `Flight Booked`
 * with `destination_country`, `Order Completed`, the `home_branch` trait), created and published
 * through the same functions as the API, plus 30 days of results history (demo-history.ts).
 */
import "server-only";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/audit/record-audit";
import { writeDemoHistory, type DemoHistoryResult } from "./demo-history";
import { createExperience, publishExperience } from "./experiences";
import type { CreateSlotInput } from "./schemas";
import { createSlot } from "./slots";

const field = (key: string, label: string, type: CreateSlotInput["fields"][number]["type"], required = false) => ({ key, label, type, required });
const teaserFields = (withImage: boolean) => [
  field("headline", "Headline", "text", true),
  field("body", "Body", "rich_text"),
  ...(withImage ? [field("image", "Image", "image_url")] : []),
  field("cta_label", "Button label", "text"),
  field("cta", "Button link", "link"),
];

/** The slots of the demo site (`/demo`) and of its weekly e-mail. */
export const DEMO_SLOTS: CreateSlotInput[] = [
  { key: "home-hero", name: "Home hero", channel: "web", fields: teaserFields(true) },
  { key: "travel-offer", name: "Travel offer", channel: "web", fields: teaserFields(true) },
  { key: "bank-offer", name: "Bank offer", channel: "web", fields: teaserFields(false) },
  { key: "greeting", name: "Greeting", channel: "web", fields: [field("text", "Greeting", "text", true)] },
  { key: "recommended-products", name: "Recommended products", channel: "web", fields: [field("title", "Title", "text", true), field("items", "Products", "product_list", true)] },
  {
    key: "email-header",
    name: "E-mail header",
    channel: "email",
    fields: [field("subject", "Subject", "text", true), field("preheader", "Preheader", "text"), ...teaserFields(false)],
  },
];

const teaser = (name: string, headline: string, body: string, ctaLabel: string, cta: string, image?: string) => ({
  name,
  content: { headline, body, ...(image ? { image } : {}), cta_label: ctaLabel, cta },
});
const firstName = (fallback: string) => `{{ traits.first_name | default: "${fallback}" }}`;
const vietnam = [{ property: "destination_country", operator: "equals", value: "Vietnam" }];
const SITE = "https://www.example.com";

/** One experience per demo slot, in the API's create shape; all are published live. */
export const DEMO_EXPERIENCES: Record<string, unknown>[] = [
  {
    key: "home-hero",
    name: "Home hero by interest",
    slot: "home-hero",
    holdoutPercent: 10,
    goalEvent: "Order Completed",
    rules: [
      { id: "sports-readers", audience: { segments: ["sports-readers"] }, variant: "sports" },
      { id: "finance-readers", audience: { segments: ["finance-readers"] }, variant: "finance" },
    ],
    variants: {
      sports: teaser("Sports readers", `Game on, ${firstName("sports fan")}`, "<p>Match reports, transfer news and <strong>20% off running gear</strong> this week.</p>", "Shop sports gear", "/demo/sports", "/demo/images/hero-sports.svg"),
      finance: teaser("Finance readers", "Make your money work harder", "<p>Rates, funds and the week's market moves, explained in five minutes.</p>", "Read the money briefing", "/demo/finance", "/demo/images/hero-finance.svg"),
      default: teaser("Everyone else", "Today at Acme News & Shop", "<p>The stories everyone is reading, and deals picked by our editors.</p>", "See today's picks", "/demo", "/demo/images/hero-default.svg"),
    },
    defaultVariant: "default",
  },
  {
    key: "vietnam-flight-offer",
    name: "Vietnam flight offer",
    slot: "travel-offer",
    holdoutPercent: 10,
    goalEvent: "Flight Booked",
    // Once a flight to Vietnam is booked the offer stops, whatever else matches.
    suppression: { event: "Flight Booked", filters: vietnam },
    rules: [
      {
        id: "searched-vietnam",
        audience: { rule: { type: "event", event: "Flight Searched", filters: vietnam, window: { kind: "last", amount: 30, unit: "days" } } },
        variant: "vietnam",
      },
    ],
    variants: {
      vietnam: teaser("Vietnam offer", `Vietnam is calling, ${firstName("traveller")}`, "<p>Return flights to <strong>Hanoi</strong> and <strong>Ho Chi Minh City</strong> from $799, this week only.</p>", "See Vietnam fares", "/demo/travel?to=Hanoi", "/demo/images/travel-vietnam.svg"),
      explore: teaser("Where to next", "Where to next?", "<p>Flights to ten destinations, with return fares from $540.</p>", "Explore flights", "/demo/travel", "/demo/images/travel-default.svg"),
    },
    defaultVariant: "explore",
  },
  {
    key: "investment-suggestion",
    name: "Investment suggestion",
    slot: "bank-offer",
    holdoutPercent: 10,
    goalEvent: "Product Viewed",
    rules: [{ id: "investing-savers", audience: { segments: ["investing-savers"] }, variant: "fund" }],
    variants: {
      fund: teaser(
        "Fund suggestion",
        `${firstName("Hello")}, your savings could do more`,
        '<p>Start investing from $50 a month in the <strong>Global Equity Fund</strong>. Talk it through with an adviser at <strong>{{ traits.home_branch | default: "your local branch" }}</strong>.</p>',
        "Book an adviser",
        "/demo/bank/fund-global-equity",
      ),
      saver: teaser("Easy Access Saver", "Put your savings to work", "<p>The Easy Access Saver pays interest from day one, with no notice to withdraw.</p>", "Open a saver", "/demo/bank/savings-easy-access"),
    },
    defaultVariant: "saver",
  },
  {
    key: "greeting",
    name: "Greeting by name",
    slot: "greeting",
    rules: [{ id: "everyone", audience: { everyone: true }, variant: "hello" }],
    variants: { hello: { name: "Hello", content: { text: `Hi ${firstName("there")}` } } },
    defaultVariant: "hello",
  },
  {
    key: "recommended-products",
    name: "Recommended for you",
    slot: "recommended-products",
    holdoutPercent: 10,
    goalEvent: "Order Completed",
    rules: [{ id: "everyone", audience: { everyone: true }, variant: "for-you" }],
    variants: {
      "for-you": { name: "From your favourite categories", content: { title: "Picked for you", items: { recommend: { strategy: "engaged_categories", count: 4 } } } },
      bestsellers: { name: "Bestsellers", content: { title: "Bestsellers this month", items: { recommend: { strategy: "popular", count: 4 } } } },
    },
    defaultVariant: "bestsellers",
  },
  {
    key: "digest-header",
    name: "Weekly digest header",
    slot: "email-header",
    goalEvent: "Email Link Clicked",
    rules: [
      { id: "sports-readers", audience: { segments: ["sports-readers"] }, variant: "sports" },
      { id: "finance-readers", audience: { segments: ["finance-readers"] }, variant: "finance" },
    ],
    variants: {
      sports: {
        name: "Sports digest",
        content: { subject: `${firstName("Hi")}, your week in sports`, preheader: "Results, transfers and this week's gear deals", headline: "Your week in sports", body: "<p>The five match reports our readers loved, and running gear at 20% off until Sunday.</p>", cta_label: "Read the sports digest", cta: `${SITE}/sports?utm_source=newsletter&utm_medium=email&utm_campaign=weekly-digest` },
      },
      finance: {
        name: "Money digest",
        content: { subject: `${firstName("Hi")}, your money briefing`, preheader: "Rates, funds and what they mean for you", headline: "Your money briefing", body: "<p>What this week's rate decision means for savers, and three funds worth a look.</p>", cta_label: "Read the money briefing", cta: `${SITE}/finance?utm_source=newsletter&utm_medium=email&utm_campaign=weekly-digest` },
      },
      digest: {
        name: "General digest",
        content: { subject: `${firstName("Hi")}, this week at Acme`, preheader: "The stories and deals everyone is talking about", headline: "This week at Acme News & Shop", body: "<p>The most-read stories of the week and the deals our editors picked.</p>", cta_label: "Read the digest", cta: `${SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign=weekly-digest` },
      },
    },
    defaultVariant: "digest",
  },
];

export interface DemoPersonalizationResult {
  slots: number;
  experiences: number;
  history: DemoHistoryResult;
}

/**
 * Creates the demo slots and experiences in a workspace that has the demo data and segments,
 * publishes them, and writes their results history ending at `now`.
 */
export async function createDemoPersonalization(db: Database, workspaceId: string, actor: Actor, options: { now?: Date } = {}): Promise<DemoPersonalizationResult> {
  const scope = { workspaceId, actor };
  for (const slot of DEMO_SLOTS) await createSlot(db, scope, slot);
  for (const experience of DEMO_EXPERIENCES) {
    await createExperience(db, scope, experience);
    await publishExperience(db, scope, String(experience.key), "Demo data");
  }
  const history = await writeDemoHistory(db, workspaceId, options.now ?? new Date());
  return { slots: DEMO_SLOTS.length, experiences: DEMO_EXPERIENCES.length, history };
}
