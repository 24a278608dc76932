/**
 * Lift of one variant over the holdout (control), from unique visitors and converters.
 * Pure and dependency-free so the numbers shown to marketers can be checked by hand.
 *
 * - Rates: p = converters / visitors (0 when a group has no visitors).
 * - Absolute lift: pV − pC. Relative lift: (pV − pC) / pC, null when pC = 0.
 * - p-value: two-sided two-proportion z-test with the pooled rate
 *     p̂ = (cC + cV) / (nC + nV),  z = (pV − pC) / √(p̂(1 − p̂)(1/nC + 1/nV)),  p = 2·(1 − Φ(|z|))
 *   (e.g. Agresti, "Categorical Data Analysis", 3rd ed., §2.4; NIST/SEMATECH e-Handbook §7.3.3.4).
 * - 95% CI of the relative lift: delta method on the log of the ratio of two proportions
 *   (Katz, Baptista, Azen & Pike, Biometrics 34:469–474, 1978):
 *     SE(ln RR) = √((1 − pV)/cV + (1 − pC)/cC),  RR·exp(±1.959964·SE) − 1
 *   It needs at least one converter in each group; otherwise the interval is null.
 * - `significant`: p < 0.05 *and* the CI excludes 0 *and* there is enough data — the z-test is a
 *   normal approximation that is not trustworthy on the tiny groups `enoughData` rejects.
 */

/** Fewer unique visitors than this in either group: not enough data to call a result. */
export const MIN_VISITORS = 100;
/**
 * Fewer converters than this in either group: not enough data. The usual rule of thumb for the
 * normal approximation of a binomial is n·p ≥ 10 (and the log-ratio SE needs converters > 0).
 */
export const MIN_CONVERSIONS = 10;
/** Two-sided 95% quantile of the standard normal, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;
const ALPHA = 0.05;

export interface GroupCounts {
  visitors: number;
  converters: number;
}

export interface LiftResult {
  controlRate: number;
  variantRate: number;
  /** pV − pC, in rate units (0.03 = three percentage points). */
  absoluteLift: number;
  /** (pV − pC) / pC; null when the control has no conversions. */
  relativeLift: number | null;
  /** 95% confidence interval of `relativeLift`; null when either group has no converters. */
  relativeLiftCi: { lower: number; upper: number } | null;
  z: number;
  pValue: number;
  significant: boolean;
  enoughData: boolean;
  /** Why `enoughData` is false, in plain words; null when it is true. */
  reason: string | null;
}

/** Compares a variant with the control; throws a RangeError on impossible counts. */
export function computeLift(control: GroupCounts, variant: GroupCounts): LiftResult {
  checkCounts("control", control);
  checkCounts("variant", variant);
  const pC = rate(control);
  const pV = rate(variant);
  const { z, pValue } = pooledZTest(control, variant);
  const relativeLift = pC > 0 ? (pV - pC) / pC : null;
  const relativeLiftCi = relativeLiftInterval(control, variant);
  const reason = notEnoughDataReason(control, variant);
  const ciExcludesZero = relativeLiftCi !== null && (relativeLiftCi.lower > 0 || relativeLiftCi.upper < 0);
  return {
    controlRate: pC,
    variantRate: pV,
    absoluteLift: pV - pC,
    relativeLift,
    relativeLiftCi,
    z,
    pValue,
    significant: reason === null && pValue < ALPHA && ciExcludesZero,
    enoughData: reason === null,
    reason,
  };
}

function checkCounts(name: string, g: GroupCounts) {
  const ok = Number.isInteger(g.visitors) && Number.isInteger(g.converters) && g.visitors >= 0 && g.converters >= 0;
  if (!ok) throw new RangeError(`${name}: visitors and converters must be non-negative integers`);
  if (g.converters > g.visitors) throw new RangeError(`${name}: ${g.converters} converters cannot exceed ${g.visitors} visitors`);
}

function rate(g: GroupCounts): number {
  return g.visitors === 0 ? 0 : g.converters / g.visitors;
}

function pooledZTest(c: GroupCounts, v: GroupCounts): { z: number; pValue: number } {
  if (c.visitors === 0 || v.visitors === 0) return { z: 0, pValue: 1 };
  const pooled = (c.converters + v.converters) / (c.visitors + v.visitors);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / c.visitors + 1 / v.visitors));
  // Both rates 0 or both 1: no variance, no evidence of a difference.
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (rate(v) - rate(c)) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

function relativeLiftInterval(c: GroupCounts, v: GroupCounts): { lower: number; upper: number } | null {
  if (c.converters === 0 || v.converters === 0) return null;
  const pC = rate(c);
  const pV = rate(v);
  const logRatio = Math.log(pV / pC);
  const se = Math.sqrt((1 - pV) / v.converters + (1 - pC) / c.converters);
  return { lower: Math.exp(logRatio - Z_95 * se) - 1, upper: Math.exp(logRatio + Z_95 * se) - 1 };
}

function notEnoughDataReason(c: GroupCounts, v: GroupCounts): string | null {
  const short: string[] = [];
  for (const [name, g] of [["holdout", c], ["variant", v]] as const) {
    if (g.visitors < MIN_VISITORS) short.push(`the ${name} has ${g.visitors} visitors (needs ${MIN_VISITORS})`);
    if (g.converters < MIN_CONVERSIONS) short.push(`the ${name} has ${g.converters} conversions (needs ${MIN_CONVERSIONS})`);
  }
  return short.length ? `Not enough data yet: ${short.join(", ")}.` : null;
}

/**
 * Standard normal CDF Φ(x). Hart's rational approximation (algorithm 5666, 1968) below |x| = 7.07
 * and a continued fraction beyond, as given by G. West, "Better approximations to cumulative normal
 * functions", Wilmott Magazine (2005); absolute error below 1e-14 in double precision.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  let tail: number;
  if (ax > 37) {
    tail = 0;
  } else {
    const e = Math.exp((-ax * ax) / 2);
    if (ax < 7.07106781186547) {
      let num = 3.52624965998911e-2 * ax + 0.700383064443688;
      num = num * ax + 6.37396220353165;
      num = num * ax + 33.912866078383;
      num = num * ax + 112.079291497871;
      num = num * ax + 221.213596169931;
      num = num * ax + 220.206867912376;
      let den = 8.83883476483184e-2 * ax + 1.75566716318264;
      den = den * ax + 16.064177579207;
      den = den * ax + 86.7807322029461;
      den = den * ax + 296.564248779674;
      den = den * ax + 637.333633378831;
      den = den * ax + 793.826512519948;
      den = den * ax + 440.413735824752;
      tail = (e * num) / den;
    } else {
      const cf = ax + 1 / (ax + 2 / (ax + 3 / (ax + 4 / (ax + 0.65))));
      tail = e / cf / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}
