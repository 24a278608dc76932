/**
 * Turns a profile index into a plan: identity, demographics, lifecycle, timeline and the
 * behavioural knobs (how often, what about) that the session generator follows. Demo personas
 * replace the drawn values with fixed ones.
 */
import { BRANCH_SUFFIXES, asciiSlug, countryByCode } from "./catalog-people";
import { drawAcquisition, drawDevice, type Acquisition, type DeviceContext } from "./catalog-traffic";
import { drawDemographics, isAffluent, type Demographics } from "./demographics";
import { personaAnonymousIds, type PersonaSpec } from "./personas";
import { Rng } from "./prng";
import { drawGrowthPosition } from "./timeline";
import { DAY, type Lifecycle, type SeedContext } from "./types";

export interface ProfilePlan {
  index: number;
  id: string;
  userId: string | null;
  anonymousIds: string[];
  lifecycle: Lifecycle | null;
  demo: Demographics;
  firstName: string;
  lastName: string;
  email: string;
  homeBranch: string;
  subscription: "free" | "plus" | "premium";
  newsletter: boolean;
  consent: Record<string, boolean>;
  device: DeviceContext;
  acquisition: Acquisition;
  /** First contact; before the window for long-standing profiles. */
  acquiredAt: number;
  activeFrom: number;
  /** `now`, or when a churned customer stopped coming. */
  activeUntil: number;
  /** Mean sessions per active day; heavy-tailed across profiles. */
  sessionRate: number;
  /** Weekend visits relative to weekdays. */
  weekendFactor: number;
  /** Chance that a started checkout becomes an order. */
  orderChance: number;
  /** Whether random travel sessions happen (personas with a scripted trip turn them off). */
  randomTravel: boolean;
  persona: PersonaSpec | null;
}

const ANONYMOUS_SHARE = 0.35;
const BASE_RATE: Record<Lifecycle | "anonymous", number> = { anonymous: 0.042, lead: 0.095, customer: 0.155, churned: 0.18 };

function drawLifecycle(rng: Rng): Lifecycle {
  return rng.weighted<Lifecycle>([["lead", 45], ["customer", 40], ["churned", 15]]);
}

/**
 * Long-standing profiles arrive before the window (customers more often than leads); the rest
 * arrive inside it, more of them recently. Churned customers stop 30–90 days before `now`.
 */
function drawTimeline(rng: Rng, ctx: SeedContext, lifecycle: Lifecycle | null) {
  const oldShare = lifecycle === "churned" ? 0.75 : lifecycle === "customer" ? 0.45 : lifecycle === "lead" ? 0.25 : 0.08;
  let acquiredAt = rng.chance(oldShare)
    ? ctx.windowStart - Math.floor(rng.between(1, 900) * DAY)
    : ctx.windowStart + Math.floor(drawGrowthPosition(rng) * ctx.days * DAY);
  const activeUntil = lifecycle === "churned" ? ctx.now - Math.floor(rng.between(30, 90) * DAY) : ctx.now;
  if (acquiredAt > activeUntil - 14 * DAY) acquiredAt = activeUntil - Math.floor(rng.between(14, 200) * DAY);
  return { acquiredAt, activeFrom: Math.max(acquiredAt, ctx.windowStart), activeUntil };
}

function drawWeekendFactor(demo: Demographics): number {
  if (demo.lifestyle === "student" || demo.lifestyle === "outdoor" || demo.interests[0] === "travel") return 1.15;
  if (demo.lifestyle === "urban professional" || demo.interests[0] === "finance") return 0.6;
  return 0.85;
}

function drawSubscription(rng: Rng, lifecycle: Lifecycle | null, demo: Demographics): ProfilePlan["subscription"] {
  if (lifecycle !== "customer") return "free";
  return rng.chance(isAffluent(demo) ? 0.6 : 0.3) ? "premium" : "plus";
}

function userIdFor(index: number): string {
  return `user_${String(index + 1).padStart(6, "0")}`;
}

/** Builds the plan of profile `index`; `persona` pins the drawn values for demo personas. */
export function planProfile(ctx: SeedContext, index: number, persona: PersonaSpec | null): ProfilePlan {
  const rng = new Rng(ctx.seed, index);
  const id = new Rng(ctx.seed, ctx.workspaceHash, index, 0x1d).uuid();
  const known = persona ? persona.userId !== null : !rng.chance(ANONYMOUS_SHARE);
  const lifecycle = persona ? persona.lifecycle : known ? drawLifecycle(rng) : null;
  const drawn = drawDemographics(rng);
  const demo: Demographics = persona ? { ...drawn, ...persona.demo, country: countryByCode(persona.country) } : drawn;
  const gendered = demo.gender === "male" ? demo.country.names.male : demo.country.names.female;
  const firstName = persona?.firstName ?? rng.pick(gendered);
  const lastName = persona?.lastName ?? rng.pick(demo.country.names.last);
  const domain = rng.weighted([["example.com", 60], ["example.org", 25], ["example.net", 15]]);
  const timeline = drawTimeline(rng, ctx, lifecycle);
  if (persona?.churnDaysAgo) timeline.activeUntil = ctx.now - persona.churnDaysAgo * DAY;
  if (persona) timeline.acquiredAt = ctx.now - persona.acquiredDaysAgo * DAY;
  timeline.activeFrom = Math.max(timeline.acquiredAt, ctx.windowStart);
  const secondDevice = rng.chance(known ? 0.35 : 0.08);
  const anonymousIds = persona ? personaAnonymousIds(persona) : (secondDevice ? [rng.uuid(), rng.uuid()] : [rng.uuid()]);
  const activity = rng.heavyTail(known ? 1.0 : 1.3) * (persona?.activity ?? 1);
  return {
    index,
    id,
    userId: known ? (persona?.userId ?? userIdFor(index)) : null,
    anonymousIds,
    lifecycle,
    demo,
    firstName,
    lastName,
    email: `${asciiSlug(firstName)}.${asciiSlug(lastName)}${index + 1}@${domain}`,
    homeBranch: `${demo.city} ${rng.pick(BRANCH_SUFFIXES)}`,
    subscription: drawSubscription(rng, lifecycle, demo),
    newsletter: persona?.newsletter ?? rng.chance(0.55),
    // Personas keep the consent they document (the draw still happens, so their other values stay put).
    consent: persona?.consent ?? (rng.chance(0.03) && !persona ? { personalization: false } : {}),
    device: persona?.device ?? drawDevice(rng, demo.lifestyle),
    acquisition: persona?.acquisition ?? drawAcquisition(rng, demo.interests[0]),
    ...timeline,
    sessionRate: BASE_RATE[lifecycle ?? "anonymous"] * activity,
    weekendFactor: drawWeekendFactor(demo),
    orderChance: persona?.orderChance ?? (lifecycle === "lead" ? 0.05 : lifecycle ? 0.7 : 0),
    randomTravel: persona?.randomTravel ?? true,
    persona,
  };
}

/** The stored traits: rich for known people, empty for anonymous visitors. */
export function buildTraits(plan: ProfilePlan, identifiedAt: number | null): Record<string, unknown> {
  if (!plan.userId) return {};
  const d = plan.demo;
  return {
    email: plan.email,
    first_name: plan.firstName,
    last_name: plan.lastName,
    age: d.age,
    gender: d.gender,
    income_band: d.income_band,
    country: d.country.code,
    city: d.city,
    interests: d.interests,
    lifestyle: d.lifestyle,
    lifecycle: plan.lifecycle,
    plan: plan.subscription,
    credit_score: d.credit_score,
    home_branch: plan.homeBranch,
    signup_date: new Date(identifiedAt ?? plan.acquiredAt).toISOString().slice(0, 10),
    newsletter: plan.newsletter,
  };
}

/** Last known context: first-touch attribution, device and location. */
export function buildContext(plan: ProfilePlan): Record<string, unknown> {
  return { ...plan.acquisition, ...plan.device, country: plan.demo.country.code, city: plan.demo.city };
}
