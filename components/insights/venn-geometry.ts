/** Two circles whose areas match two set sizes and whose lens matches their overlap. */
export interface VennLayout {
  r1: number;
  r2: number;
  /** Distance between the centres. */
  d: number;
}

/** Area of the lens where circles of radii r1 and r2, d apart, overlap. */
export function lensArea(r1: number, r2: number, d: number): number {
  if (d >= r1 + r2) return 0;
  if (d <= Math.abs(r1 - r2)) return Math.PI * Math.min(r1, r2) ** 2;
  const a = r1 * r1 * Math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1));
  const b = r2 * r2 * Math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2));
  const c = 0.5 * Math.sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2));
  return a + b - c;
}

/**
 * Radii so the larger set gets `maxRadius`, and the distance whose lens area stands for the
 * overlap (found by bisection: the lens shrinks monotonically as the circles move apart).
 */
export function vennLayout(sizeA: number, sizeB: number, both: number, maxRadius: number, gap = 12): VennLayout {
  const largest = Math.max(sizeA, sizeB);
  if (largest === 0) return { r1: 0, r2: 0, d: gap };
  const scale = maxRadius / Math.sqrt(largest);
  const r1 = scale * Math.sqrt(sizeA);
  const r2 = scale * Math.sqrt(sizeB);
  if (both <= 0) return { r1, r2, d: r1 + r2 + gap };
  const target = Math.min(both, sizeA, sizeB) * ((Math.PI * maxRadius * maxRadius) / largest);
  let lo = Math.abs(r1 - r2);
  let hi = r1 + r2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (lensArea(r1, r2, mid) > target) lo = mid;
    else hi = mid;
  }
  return { r1, r2, d: (lo + hi) / 2 };
}
