/**
 * The preview's counts and sample from the index: each top-level condition matched once, the
 * rule's answer combined from them, and the `size` matching profiles seen most recently (ties by
 * id, as the database orders them). Yields to the event loop between conditions, so other requests
 * are not held for the whole count, and stops at the deadline or when `signal` aborts.
 */
import type { Node, Rule } from "@/lib/rules/ast";
import type { AudienceIndex } from "./audience-index";
import { matchRule, type MatchContext } from "./match-rule";

export interface IndexCount {
  total: number;
  count: number;
  perCondition: number[];
  /** Profile ids of the sample, in order. */
  sample: string[];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function countOnes(bits: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += bits[i];
  return n;
}

/** The `size` slots with bits set, newest `lastSeen` first, then by id. */
export function newestSlots(index: AudienceIndex, bits: Uint8Array, size: number): number[] {
  const best: number[] = [];
  const before = (a: number, b: number) =>
    index.lastSeen[a] > index.lastSeen[b] || (index.lastSeen[a] === index.lastSeen[b] && index.compareIds(a, b) < 0);
  for (let slot = 0; slot < bits.length; slot++) {
    if (bits[slot] === 0) continue;
    if (best.length === size && !before(slot, best[size - 1])) continue;
    let at = best.length === size ? size - 1 : best.length;
    while (at > 0 && before(slot, best[at - 1])) at--;
    best.splice(at, 0, slot);
    if (best.length > size) best.pop();
  }
  return best;
}

/** Counts `rule` as of `now`; null when the deadline passed or `signal` aborted first. */
export async function countRule(
  index: AudienceIndex,
  params: { rule: Rule; now: Date; ctx: MatchContext; sampleSize: number; deadline: number; signal?: AbortSignal },
): Promise<IndexCount | null> {
  const { rule, now, ctx } = params;
  const parts: Node[] = rule.type === "group" ? rule.children : [rule];
  const late = () => params.signal?.aborted || performance.now() > params.deadline;
  const partBits: Uint8Array[] = [];
  for (const part of parts) {
    if (late()) return null;
    partBits.push(matchRule(index, part, now, ctx));
    await tick();
  }
  let bits: Uint8Array;
  if (rule.type !== "group") bits = partBits[0];
  else {
    const and = rule.op === "and";
    bits = new Uint8Array(index.size).fill(and ? 1 : 0);
    for (const b of partBits) {
      if (and) for (let i = 0; i < bits.length; i++) bits[i] &= b[i];
      else for (let i = 0; i < bits.length; i++) bits[i] |= b[i];
    }
    if (rule.negate) for (let i = 0; i < bits.length; i++) bits[i] ^= 1;
    const alive = index.isAlive;
    for (let i = 0; i < bits.length; i++) bits[i] &= alive[i];
  }
  if (late()) return null;
  return {
    total: index.alive,
    count: countOnes(bits),
    perCondition: partBits.map(countOnes),
    sample: params.sampleSize > 0 ? newestSlots(index, bits, params.sampleSize).map((slot) => index.idOf(slot)) : [],
  };
}
