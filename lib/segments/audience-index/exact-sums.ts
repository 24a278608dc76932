/**
 * Exact per-slot sums for sum and avg measures, the way the TypeScript engine and PostgreSQL's
 * `numeric` add (exact-decimal.ts: 19.99 + 0.01 is 20). Every number of the column and every
 * bound of the comparison is scaled to one number of decimal places S, so sums become sums of
 * integers: kept as doubles while a slot's running sum of magnitudes stays below 2^53 (where
 * doubles add integers exactly), and as BigInt from the add that would pass it.
 */
import type { Comparison } from "@/lib/rules/ast";
import { toDecimal } from "@/lib/rules/exact-decimal";

const LIMIT = 2 ** 53;

function scaled(x: number, scale: number): bigint {
  const d = toDecimal(x);
  return d.coefficient * 10n ** BigInt(scale - d.scale);
}

/** The bounds of an at_least/at_most/exactly/between comparison, as numbers (what evaluate compares). */
function boundsOf(c: Comparison): number[] {
  switch (c.op) {
    case "at_least":
    case "at_most":
    case "exactly":
      return [c.value];
    case "between":
      return [Number(c.value), Number(c.value2)];
    default:
      throw new Error(`Comparison "${c.op}" does not apply to a number`);
  }
}

export interface SlotSums {
  /** Adds the number of `code` to the slot's sum. */
  add(slot: number, code: number): void;
  /** Whether sum ÷ k (k = 1 for sums, the count for averages) passes the comparison: sum compared with bound × k. */
  compare(slot: number, k: number): boolean;
}

/** Per-slot arrays, from the index's scratch space when one is given. */
export interface SlotArrays {
  f64: (name: string, size: number) => Float64Array;
  u8: (name: string, size: number) => Uint8Array;
}
const fresh: SlotArrays = { f64: (_, size) => new Float64Array(size), u8: (_, size) => new Uint8Array(size) };

/** Per-slot exact sums over the numbers of a column (`numbers[code]`, NaN for non-numbers). */
export function slotSums(numbers: Float64Array, size: number, comparison: Comparison, arrays: SlotArrays = fresh): SlotSums {
  const bounds = boundsOf(comparison);
  let scale = 0;
  for (const x of [...numbers, ...bounds]) if (!Number.isNaN(x)) scale = Math.max(scale, toDecimal(x).scale);
  const big = Array.from(numbers, (x) => (Number.isNaN(x) ? 0n : scaled(x, scale)));
  const small = Float64Array.from(big, (b) => (b > -LIMIT && b < LIMIT ? Number(b) : NaN));
  const boundsBig = bounds.map((b) => scaled(b, scale));
  const sum = arrays.f64("sum", size).fill(0);
  const magnitude = arrays.f64("magnitude", size).fill(0);
  const bigSums = new Map<number, bigint>();
  // Which slots moved to BigInt: a byte per slot, so the common check costs no map lookup.
  const isBig = arrays.u8("big", size).fill(0);

  const add = (slot: number, code: number) => {
    const x = small[code];
    if (isBig[slot] === 1) {
      bigSums.set(slot, bigSums.get(slot)! + big[code]);
      return;
    }
    const m = magnitude[slot] + Math.abs(x);
    if (Number.isNaN(x) || m >= LIMIT) {
      bigSums.set(slot, BigInt(sum[slot]) + big[code]);
      isBig[slot] = 1;
      return;
    }
    sum[slot] += x;
    magnitude[slot] = m;
  };

  const order = (slot: number, bound: bigint, k: number): number => {
    const held = bigSums.get(slot);
    const limit = bound * BigInt(k);
    const x = held ?? BigInt(sum[slot]);
    return x < limit ? -1 : x > limit ? 1 : 0;
  };
  // Doubles compare exactly too while bound × k is a safe integer; BigInt otherwise.
  const small0 = Number(boundsBig[0]);
  const small1 = Number(boundsBig[boundsBig.length - 1]);
  const fast = (slot: number, bound: number, k: number) => {
    const limit = bound * k;
    if (isBig[slot] === 1 || !Number.isSafeInteger(limit)) return null;
    const x = sum[slot];
    return x < limit ? -1 : x > limit ? 1 : 0;
  };
  const cmp = (slot: number, which: 0 | 1, k: number) =>
    fast(slot, which === 0 ? small0 : small1, k) ?? order(slot, boundsBig[which === 0 ? 0 : boundsBig.length - 1], k);

  const compare = (slot: number, k: number): boolean => {
    switch (comparison.op) {
      case "at_least":
        return cmp(slot, 0, k) >= 0;
      case "at_most":
        return cmp(slot, 0, k) <= 0;
      case "exactly":
        return cmp(slot, 0, k) === 0;
      case "between":
        return cmp(slot, 0, k) >= 0 && cmp(slot, 1, k) <= 0;
      default:
        throw new Error(`Comparison "${comparison.op}" does not apply to a number`);
    }
  };
  return { add, compare };
}
