/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the sampling helpers the
 * generator needs. `Math.random` is never used: the same seed must give the same data on
 * every machine, and each profile gets its own stream so chunking cannot change the output.
 */

/** 32-bit FNV-1a hash of a string, used to fold ids such as a workspace id into a seed. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Several integers (seed, profile index, …) are mixed so nearby seeds give unrelated streams. */
  constructor(...seeds: number[]) {
    let mixed = 0x6d2b79f5;
    for (const s of seeds) mixed = splitmix32((mixed ^ Math.imul(s | 0, 0x9e3779b1)) | 0)();
    const next = splitmix32(mixed);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32(); // sfc32 needs a short warm-up
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks from `[value, weight]` pairs; weights need not sum to one. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }

  /** `count` distinct items, weighted, in pick order. */
  weightedDistinct<T>(pairs: readonly (readonly [T, number])[], count: number): T[] {
    const pool = [...pairs];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const value = this.weighted(pool);
      out.push(value);
      pool.splice(pool.findIndex(([v]) => v === value), 1);
    }
    return out;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with mean 1: a heavy tail for activity levels without shifting the average. */
  heavyTail(sigma: number): number {
    return Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Poisson count; a normal approximation above 60 keeps heavy users cheap to draw. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Number of extra steps with continuation probability `p` (geometric, mean p / (1 - p)). */
  geometric(p: number, max: number): number {
    let k = 0;
    while (k < max && this.next() < p) k++;
    return k;
  }

  /** A version-4-shaped UUID drawn from this stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, "0");
    const a = hex(this.uint32());
    const b = hex(this.uint32());
    const c = hex(this.uint32());
    const d = hex(this.uint32());
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}
