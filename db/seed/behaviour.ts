/**
 * A profile's whole history in the window: when it visits (a heavy-tailed rate over its active
 * span, shaped by hour and weekday), what each visit is for, when it signs up, the e-mails it
 * opens, and any scripted persona sessions. Everything is drawn from the profile's own stream.
 */
import { ARTICLES, DESTINATIONS, SITE_URL, type BankProductType, type Category } from "./catalog-content";
import type { ProfilePlan } from "./profile";
import { Rng } from "./prng";
import { EventWriter, bankSession, browseSession, drawIntent, shopSession, travelSession, type ProfileState } from "./sessions";
import { drawVisitTime, isWeekend } from "./timeline";
import { DAY, HOUR, type SeedContext, type SeedEvent } from "./types";

const MAX_SESSIONS = 600;
const LOGIN_IDENTIFY_CHANCE = 0.06;

/** Scripted sessions for demo personas, placed `daysAgo` before `now`. */
export interface ScriptApi {
  browse(daysAgo: number, category: Category, pages: number): void;
  order(daysAgo: number): void;
  bank(daysAgo: number, type: BankProductType): void;
  travel(daysAgo: number, city: string, book: boolean): void;
}

export interface ProfileHistory {
  events: SeedEvent[];
  /** When the user id was first seen; before the window for long-standing customers. */
  identifiedAt: number | null;
}

function drawSessionStarts(rng: Rng, plan: ProfilePlan, ctx: SeedContext): number[] {
  if (plan.activeUntil <= plan.activeFrom) return [];
  const activeDays = (plan.activeUntil - plan.activeFrom) / DAY;
  const count = Math.min(MAX_SESSIONS, rng.poisson(plan.sessionRate * activeDays));
  const starts: number[] = [];
  // The acquisition visit itself, when it happened inside the window.
  if (plan.acquiredAt >= ctx.windowStart) starts.push(plan.acquiredAt);
  for (let i = 0; i < count; i++) starts.push(drawVisitTime(rng, plan.activeFrom, plan.activeUntil, plan.demo.country.utcOffset, plan.weekendFactor));
  if (starts.length === 0) starts.push(drawVisitTime(rng, plan.activeFrom, plan.activeUntil, plan.demo.country.utcOffset, plan.weekendFactor));
  return starts.sort((a, b) => a - b);
}

function identifyTraits(plan: ProfilePlan) {
  return { email: plan.email, first_name: plan.firstName, last_name: plan.lastName };
}

/** Newsletter subscribers open some campaigns; a click lands on an article of the campaign's topic. */
function emailEvents(rng: Rng, plan: ProfilePlan, ctx: SeedContext, from: number, out: SeedEvent[]) {
  if (!plan.userId || !plan.newsletter) return;
  const openRate = Math.min(0.6, 0.1 + plan.sessionRate * 0.8);
  for (const send of ctx.campaigns) {
    if (send.sentAt < from || send.sentAt > plan.activeUntil || !rng.chance(openRate)) continue;
    const openedAt = Math.min(plan.activeUntil, send.sentAt + Math.floor(rng.exponential(9 * HOUR)));
    const w = new EventWriter(rng, out, openedAt, plan.activeUntil);
    w.track("Email Opened", { campaign: send.campaign });
    const category = send.category ?? rng.pick(plan.demo.interests);
    if (!rng.chance(plan.demo.interests.includes(category) ? 0.45 : 0.12)) continue;
    const article = rng.pick(ARTICLES[category]);
    w.track("Email Link Clicked", { campaign: send.campaign, link_url: `${SITE_URL}${article.path}?utm_source=newsletter&utm_medium=email&utm_campaign=${send.campaign}` });
    w.page(category, article);
  }
}

function scriptApi(plan: ProfilePlan, ctx: SeedContext, rng: Rng, state: ProfileState, out: SeedEvent[]): ScriptApi {
  // Scripted visits happen in the local evening of the given day, and only while the persona is active.
  const writer = (daysAgo: number) => {
    const ts = ctx.now - daysAgo * DAY;
    return ts >= plan.activeFrom && ts <= plan.activeUntil ? new EventWriter(rng, out, ts, plan.activeUntil) : null;
  };
  const weekend = (w: EventWriter) => isWeekend(w.ts, plan.demo.country.utcOffset);
  return {
    browse: (d, category, pages) => {
      const w = writer(d);
      if (w) browseSession(w, plan, weekend(w), category, pages);
    },
    order: (d) => {
      const w = writer(d);
      if (w) shopSession(w, plan, state, true, true);
    },
    bank: (d, type) => {
      const w = writer(d);
      if (w) bankSession(w, plan, type);
    },
    travel: (d, city, book) => {
      const w = writer(d);
      const destination = DESTINATIONS.find((x) => x.city === city);
      if (!destination) throw new Error(`Persona script names unknown destination "${city}"`);
      if (w) travelSession(w, plan, state, true, { destination, book });
    },
  };
}

/** Generates every event of one profile, sorted by time. */
export function generateHistory(plan: ProfilePlan, ctx: SeedContext): ProfileHistory {
  const rng = new Rng(ctx.seed, plan.index, 0xe7);
  const starts = drawSessionStarts(rng, plan, ctx);
  const state: ProfileState = { orders: 0, destination: null, booked: [], travelMuted: false };
  const out: SeedEvent[] = [];
  const newInWindow = plan.acquiredAt >= ctx.windowStart;
  // New people identify on their first visit or a little later; long-standing ones already had.
  const signupIdx = !plan.userId ? Infinity : newInWindow ? Math.min(starts.length - 1, rng.weighted([[0, 60], [1, 25], [2, 15]] as const)) : 0;
  const identifiedAt = !plan.userId ? null : newInWindow ? (starts[signupIdx] ?? plan.acquiredAt) : plan.acquiredAt;
  // Every customer has bought at least once in the window; more purchases come from the funnel.
  const buyer = (plan.lifecycle === "customer" || plan.lifecycle === "churned") && !plan.persona?.script && starts.length > 0;
  const forcedOrderIdx = buyer ? rng.int(Math.min(signupIdx, starts.length - 1), starts.length - 1) : -1;
  starts.forEach((start, i) => {
    const signedIn = i >= signupIdx;
    const weekend = isWeekend(start, plan.demo.country.utcOffset);
    const w = new EventWriter(rng, out, start, plan.activeUntil);
    if ((newInWindow && i === signupIdx) || (signedIn && rng.chance(LOGIN_IDENTIFY_CHANCE))) w.identify(identifyTraits(plan));
    const intent = i === forcedOrderIdx ? "shop" : drawIntent(rng, plan, state, weekend);
    if (intent === "browse") browseSession(w, plan, weekend);
    else if (intent === "shop") shopSession(w, plan, state, signedIn, i === forcedOrderIdx);
    else if (intent === "bank") bankSession(w, plan);
    else travelSession(w, plan, state, signedIn);
  });
  emailEvents(rng, plan, ctx, Math.max(identifiedAt ?? Infinity, ctx.windowStart), out);
  plan.persona?.script?.(scriptApi(plan, ctx, rng, state, out));
  out.sort((a, b) => a.ts - b.ts);
  return { events: out, identifiedAt };
}
