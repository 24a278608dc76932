/**
 * Demo personas: the first profiles of every seeded workspace have fixed traits and scripted
 * recent behaviour, so demos and end-to-end tests can rely on them whatever the seed.
 * Scripts assume the default 120-day window (any window of 90 days or more keeps them whole).
 */
import type { Acquisition, DeviceContext } from "./catalog-traffic";
import type { ScriptApi } from "./behaviour";
import type { Demographics } from "./demographics";
import type { Lifecycle } from "./types";

export interface PersonaSpec {
  key: string;
  description: string;
  userId: string | null;
  anonymousIds?: string[];
  lifecycle: Lifecycle | null;
  country: string;
  demo: Partial<Omit<Demographics, "country">>;
  firstName?: string;
  lastName?: string;
  newsletter?: boolean;
  consent?: Record<string, boolean>;
  device?: DeviceContext;
  acquisition?: Acquisition;
  /** Multiplies the drawn session rate. */
  activity?: number;
  orderChance?: number;
  randomTravel?: boolean;
  acquiredDaysAgo: number;
  churnDaysAgo?: number;
  script?: (s: ScriptApi) => void;
}

const PERSONAS: readonly PersonaSpec[] = [
  {
    key: "sports-fan-us",
    description: "Sam Carter, New York: a sports fan and repeat customer who read sports articles every day last week",
    userId: "user_000001",
    lifecycle: "customer",
    country: "US",
    demo: { city: "New York", age: 31, gender: "male", lifestyle: "urban professional", income_band: "50-100k", credit_score: 702, interests: ["sports", "food"] },
    firstName: "Sam",
    lastName: "Carter",
    newsletter: true,
    device: { device: "mobile", browser: "Mobile Safari", os: "iOS" },
    acquisition: { utm_source: "google", utm_medium: "cpc", utm_campaign: "game-day-deals", referrer: "https://www.google.com/" },
    activity: 2.5,
    acquiredDaysAgo: 400,
    script: (s) => {
      for (const d of [1, 2, 3, 4, 6]) s.browse(d, "sports", 3);
      s.order(75);
      s.order(12);
    },
  },
  {
    key: "finance-reader-gb",
    description: "Olivia Bennett, London: affluent finance reader who viewed mutual funds in the last two weeks",
    userId: "user_000002",
    lifecycle: "customer",
    country: "GB",
    demo: { city: "London", age: 42, gender: "female", lifestyle: "urban professional", income_band: "200k+", credit_score: 812, interests: ["finance", "technology"] },
    firstName: "Olivia",
    lastName: "Bennett",
    newsletter: true,
    device: { device: "desktop", browser: "Safari", os: "macOS" },
    acquisition: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "fund-launch" },
    activity: 1.5,
    acquiredDaysAgo: 700,
    script: (s) => {
      for (const d of [2, 6, 9]) s.bank(d, "mutual_fund");
      for (const d of [1, 3, 5]) s.browse(d, "finance", 2);
      s.order(40);
    },
  },
  {
    key: "vietnam-traveller-booked",
    description: "Chloe Wilson, Sydney: searched flights to Hanoi, then booked one 10 days ago; no Hanoi searches since",
    userId: "user_000003",
    lifecycle: "customer",
    country: "AU",
    demo: { city: "Sydney", age: 29, gender: "female", lifestyle: "outdoor", income_band: "50-100k", credit_score: 688, interests: ["travel", "food"] },
    firstName: "Chloe",
    lastName: "Wilson",
    newsletter: true,
    randomTravel: false,
    acquisition: { utm_source: "facebook", utm_medium: "paid_social", utm_campaign: "vietnam-getaway", referrer: "https://www.facebook.com/" },
    acquiredDaysAgo: 60,
    script: (s) => {
      for (const d of [24, 18, 14]) s.travel(d, "Hanoi", false);
      s.travel(10, "Hanoi", true);
      s.browse(2, "travel", 2);
      s.order(30);
    },
  },
  {
    key: "vietnam-traveller-searching",
    description: "Ethan Roy, Toronto: searched flights to Hanoi three times this week and has not booked",
    userId: "user_000004",
    lifecycle: "lead",
    country: "CA",
    demo: { city: "Toronto", age: 35, gender: "male", lifestyle: "family", income_band: "100-200k", credit_score: 745, interests: ["travel"] },
    firstName: "Ethan",
    lastName: "Roy",
    newsletter: false,
    randomTravel: false,
    orderChance: 0,
    acquiredDaysAgo: 20,
    script: (s) => {
      for (const d of [6, 3, 1]) s.travel(d, "Hanoi", false);
    },
  },
  {
    key: "churned-customer-de",
    description: "Lukas Schneider, Berlin: bought twice, last seen 45 days ago",
    userId: "user_000005",
    lifecycle: "churned",
    country: "DE",
    demo: { city: "Berlin", age: 38, gender: "male", lifestyle: "family", income_band: "50-100k", credit_score: 715, interests: ["technology", "sports"] },
    firstName: "Lukas",
    lastName: "Schneider",
    newsletter: false,
    acquiredDaysAgo: 300,
    churnDaysAgo: 45,
    script: (s) => {
      s.order(100);
      s.order(60);
      s.browse(46, "technology", 2);
    },
  },
  {
    key: "fashion-lead-fr",
    description: "Léa Dubois, Paris: a fashion lead who browses and adds to cart but never buys",
    userId: "user_000006",
    lifecycle: "lead",
    country: "FR",
    demo: { city: "Paris", age: 24, gender: "female", lifestyle: "student", income_band: "<25k", credit_score: 610, interests: ["fashion"] },
    firstName: "Léa",
    lastName: "Dubois",
    newsletter: true,
    orderChance: 0,
    acquiredDaysAgo: 50,
    script: (s) => {
      for (const d of [1, 4, 8]) s.browse(d, "fashion", 4);
    },
  },
  {
    key: "anonymous-tech-visitor",
    description: "An anonymous visitor from Seattle reading technology articles on an Android phone",
    userId: null,
    anonymousIds: ["anon_demo_visitor_0001"],
    lifecycle: null,
    country: "US",
    demo: { city: "Seattle", interests: ["technology"] },
    device: { device: "mobile", browser: "Chrome Mobile", os: "Android" },
    acquisition: { utm_source: "google", utm_medium: "organic", referrer: "https://www.google.com/" },
    acquiredDaysAgo: 5,
    script: (s) => {
      s.browse(5, "technology", 3);
      s.browse(1, "technology", 2);
    },
  },
  {
    key: "opted-out-ca",
    description: "Grace Martin, Vancouver: a customer who declined personalization (consent.personalization = false)",
    userId: "user_000008",
    lifecycle: "customer",
    country: "CA",
    demo: { city: "Vancouver", age: 46, gender: "female", lifestyle: "family", income_band: "100-200k", credit_score: 768, interests: ["food", "travel"] },
    firstName: "Grace",
    lastName: "Martin",
    consent: { personalization: false },
    acquiredDaysAgo: 200,
    script: (s) => {
      s.browse(2, "food", 2);
      s.order(20);
    },
  },
];

/** Personas keep fixed anonymous ids too, so tests can address them before they identify. */
export function personaAnonymousIds(p: PersonaSpec): string[] {
  return p.anonymousIds ?? [`anon_demo_${p.key.replace(/-/g, "_")}`];
}

/** The persona pinned at profile index `index`, if any. */
export function personaAt(index: number): PersonaSpec | null {
  return PERSONAS[index] ?? null;
}

export interface DemoPersona {
  key: string;
  description: string;
  userId: string | null;
  anonymousIds: string[];
  /** Index of the persona's profile in generation order; personas exist when `profiles` exceeds it. */
  index: number;
}

/** Profiles guaranteed to exist, with the behaviour described, in every seeded workspace. */
export const DEMO_PERSONAS: readonly DemoPersona[] = PERSONAS.map((p, index) => ({
  key: p.key,
  description: p.description,
  userId: p.userId,
  anonymousIds: personaAnonymousIds(p),
  index,
}));
