/**
 * Draws who a person is. Traits are drawn in dependency order (age → lifestyle → income →
 * credit score, lifestyle and gender → interests) so they correlate the way real customer
 * bases do, which is what makes demo segments such as "high income, credit-worthy" meaningful.
 */
import { CATEGORIES, type Category } from "./catalog-content";
import { COUNTRY_WEIGHTS, type Country, type Gender } from "./catalog-people";
import type { Rng } from "./prng";

export const INCOME_BANDS = ["<25k", "25-50k", "50-100k", "100-200k", "200k+"] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];
export const LIFESTYLES = ["urban professional", "family", "student", "retiree", "outdoor"] as const;
export type Lifestyle = (typeof LIFESTYLES)[number];

export interface Demographics {
  country: Country;
  city: string;
  age: number;
  gender: Gender;
  lifestyle: Lifestyle;
  income_band: IncomeBand;
  credit_score: number;
  interests: Category[];
}

const AGE_BUCKETS: readonly (readonly [[number, number], number])[] = [
  [[18, 24], 14],
  [[25, 34], 28],
  [[35, 44], 24],
  [[45, 54], 16],
  [[55, 64], 11],
  [[65, 80], 7],
];

function drawLifestyle(rng: Rng, age: number): Lifestyle {
  if (age < 25) return rng.weighted([["student", 60], ["urban professional", 25], ["outdoor", 15]]);
  if (age < 35) return rng.weighted([["urban professional", 45], ["family", 25], ["outdoor", 22], ["student", 8]]);
  if (age < 55) return rng.weighted([["family", 50], ["urban professional", 30], ["outdoor", 20]]);
  if (age < 65) return rng.weighted([["family", 30], ["urban professional", 20], ["outdoor", 25], ["retiree", 25]]);
  return rng.weighted([["retiree", 80], ["outdoor", 20]]);
}

const INCOME_BY_LIFESTYLE: Record<Lifestyle, readonly number[]> = {
  // weights for <25k, 25-50k, 50-100k, 100-200k, 200k+
  student: [70, 25, 5, 0, 0],
  "urban professional": [3, 17, 40, 30, 10],
  family: [8, 25, 42, 20, 5],
  retiree: [15, 40, 30, 12, 3],
  outdoor: [12, 30, 38, 16, 4],
};

const CREDIT_BASE: Record<IncomeBand, number> = { "<25k": 590, "25-50k": 645, "50-100k": 695, "100-200k": 735, "200k+": 775 };

function drawCreditScore(rng: Rng, income: IncomeBand, age: number): number {
  const seasoning = Math.min(40, Math.max(0, age - 25) * 1.2); // longer credit history, better score
  const score = CREDIT_BASE[income] + seasoning + rng.normal() * 45;
  return Math.round(Math.min(850, Math.max(300, score)));
}

const INTEREST_BY_LIFESTYLE: Record<Lifestyle, Record<Category, number>> = {
  student: { sports: 2, finance: 0.3, travel: 1, fashion: 2, technology: 3, food: 1 },
  "urban professional": { sports: 1, finance: 2, travel: 2, fashion: 1.5, technology: 2, food: 1.5 },
  family: { sports: 1.5, finance: 1.5, travel: 1.5, fashion: 1, technology: 1, food: 2 },
  retiree: { sports: 0.8, finance: 2, travel: 2.5, fashion: 0.6, technology: 0.5, food: 2 },
  outdoor: { sports: 3, finance: 0.6, travel: 2.5, fashion: 0.6, technology: 0.8, food: 1 },
};

function drawInterests(rng: Rng, lifestyle: Lifestyle, gender: Gender): Category[] {
  const base = INTEREST_BY_LIFESTYLE[lifestyle];
  const tilt = (c: Category) => (gender === "female" && c === "fashion" ? 1.7 : gender === "male" && c === "sports" ? 1.4 : 1);
  const count = rng.weighted([[1, 35], [2, 45], [3, 20]] as const);
  return rng.weightedDistinct(CATEGORIES.map((c) => [c, base[c] * tilt(c)] as const), count);
}

/** Draws a complete, internally consistent set of demographics. */
export function drawDemographics(rng: Rng): Demographics {
  const country = rng.weighted(COUNTRY_WEIGHTS);
  const city = rng.weighted(country.cities);
  const [lo, hi] = rng.weighted(AGE_BUCKETS);
  const age = rng.int(lo, hi);
  const gender = rng.weighted<Gender>([["female", 49], ["male", 48], ["non-binary", 3]]);
  const lifestyle = drawLifestyle(rng, age);
  const income_band = rng.weighted(INCOME_BANDS.map((b, i) => [b, INCOME_BY_LIFESTYLE[lifestyle][i]] as const));
  const credit_score = drawCreditScore(rng, income_band, age);
  const interests = drawInterests(rng, lifestyle, gender);
  return { country, city, age, gender, lifestyle, income_band, credit_score, interests };
}

/** High income or a strong credit score: the people a bank shows investment funds to. */
export function isAffluent(d: Pick<Demographics, "income_band" | "credit_score">): boolean {
  return d.income_band === "100-200k" || d.income_band === "200k+" || d.credit_score >= 760;
}
