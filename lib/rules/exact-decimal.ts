/**
 * Exact decimal arithmetic for sums and averages, matching PostgreSQL's `numeric`: a JSON number
 * is the decimal its shortest text spells (what `JSON.stringify` writes and `jsonb` stores), so
 * 19.99 + 0.01 is exactly 20 in both engines instead of 19.999999999999996.
 */
export interface Decimal {
  /** value = coefficient / 10^scale */
  coefficient: bigint;
  scale: number;
}

const numberText = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The exact decimal value of a finite number's shortest representation. */
export function toDecimal(n: number): Decimal {
  const m = numberText.exec(String(n));
  if (m === null) throw new Error(`not a finite number: ${n}`);
  const fraction = m[3] ?? "";
  let scale = fraction.length - (m[4] === undefined ? 0 : +m[4]);
  let coefficient = BigInt(m[2] + fraction);
  if (scale < 0) {
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { coefficient: m[1] === "-" ? -coefficient : coefficient, scale };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.coefficient * 10n ** BigInt(scale - d.scale);
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { coefficient: rescale(a, scale) + rescale(b, scale), scale };
}

/** a × k for an integer k, exactly. */
export function scaleDecimal(a: Decimal, k: number): Decimal {
  return { coefficient: a.coefficient * BigInt(k), scale: a.scale };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
