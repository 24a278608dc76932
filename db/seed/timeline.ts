/**
 * Time shapes that make charts look like a real business: more new people every week
 * (exponential growth), fewer visits at night, a weekly rhythm, and a fixed e-mail calendar.
 */
import { DIGEST_CAMPAIGN, PROMO_CAMPAIGNS } from "./catalog-content";
import type { Rng } from "./prng";
import { DAY, HOUR, type CampaignSend } from "./types";

/** Growth rate over the whole window: new arrivals at the end are e^1.2 ≈ 3.3× those at the start. */
const GROWTH = 1.2;

/** A position in [0, 1) across the window, denser towards 1 (now). */
export function drawGrowthPosition(rng: Rng): number {
  return Math.log(1 + rng.next() * (Math.exp(GROWTH) - 1)) / GROWTH;
}

/** Relative visits by local hour of day: quiet nights, a lunch bump, an evening peak. */
const HOUR_WEIGHTS = [0.25, 0.15, 0.1, 0.08, 0.1, 0.2, 0.45, 0.8, 1.0, 1.05, 1.05, 1.1, 1.35, 1.25, 1.05, 1.0, 1.0, 1.1, 1.35, 1.6, 1.7, 1.55, 1.1, 0.55];
const HOUR_TABLE = HOUR_WEIGHTS.map((w, h) => [h, w] as const);

/** Day of week (0 = Sunday) of a local-time instant; 1970-01-01 was a Thursday. */
export function dayOfWeek(localMs: number): number {
  return (Math.floor(localMs / DAY) + 4) % 7;
}

export function isWeekend(ts: number, utcOffset: number): boolean {
  const dow = dayOfWeek(ts + utcOffset * HOUR);
  return dow === 0 || dow === 6;
}

/**
 * A visit time in [from, until], shaped by the local hour and the person's weekend habit
 * (`weekendFactor` < 1 visits less on Saturdays and Sundays, > 1 more). Rejection sampling
 * keeps the shape exact; after a few misses it falls back to uniform so it always ends.
 */
export function drawVisitTime(rng: Rng, from: number, until: number, utcOffset: number, weekendFactor: number): number {
  const offset = utcOffset * HOUR;
  const maxWeight = Math.max(1, weekendFactor);
  for (let attempt = 0; attempt < 12; attempt++) {
    const localDay = Math.floor((from + rng.next() * (until - from) + offset) / DAY);
    const ts = localDay * DAY + rng.weighted(HOUR_TABLE) * HOUR + Math.floor(rng.next() * HOUR) - offset;
    if (ts < from || ts > until) continue;
    const dow = (localDay + 4) % 7;
    const weight = dow === 0 || dow === 6 ? weekendFactor : dow === 5 ? 0.95 : 1;
    if (rng.next() * maxWeight < weight) return ts;
  }
  return Math.floor(from + rng.next() * (until - from));
}

/** `YYYY-MM-DD` in UTC. */
export function isoDate(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

/**
 * The e-mail calendar of the window: a digest every Tuesday at 09:00 UTC and a themed promotion
 * every third Thursday at 15:00 UTC, rotating through the promotions. Derived from calendar weeks,
 * so it is the same for every profile and for any `now` in the same week.
 */
export function buildCampaignCalendar(windowStart: number, now: number): CampaignSend[] {
  const sends: CampaignSend[] = [];
  const firstWeek = Math.floor((windowStart / DAY + 3) / 7); // weeks since Monday 1969-12-29
  const lastWeek = Math.floor((now / DAY + 3) / 7);
  for (let week = firstWeek; week <= lastWeek; week++) {
    const monday = (week * 7 - 3) * DAY;
    const tuesday = monday + DAY + 9 * HOUR;
    if (tuesday >= windowStart && tuesday < now) sends.push({ campaign: DIGEST_CAMPAIGN, category: null, sentAt: tuesday });
    if (week % 3 === 0) {
      const promo = PROMO_CAMPAIGNS[Math.floor(week / 3) % PROMO_CAMPAIGNS.length];
      const thursday = monday + 3 * DAY + 15 * HOUR;
      if (thursday >= windowStart && thursday < now) sends.push({ ...promo, sentAt: thursday });
    }
  }
  return sends;
}
