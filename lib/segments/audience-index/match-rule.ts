/**
 * A parsed rule over the index: one byte per slot, 1 where the profile matches as of `now`.
 * Groups combine their children's bytes; segment references evaluate the referenced segment's
 * rule inline (once per call), like the SQL engines do. Dead slots come out 0.
 */
import type { Node, Rule } from "@/lib/rules/ast";
import { assertNever } from "@/lib/rules/operators";
import type { AudienceIndex } from "./audience-index";
import { matchEvent } from "./match-event";
import { matchTrait } from "./match-trait";

export interface MatchContext {
  /** The parsed rule of a saved segment, by key. */
  resolve: (key: string) => Rule | undefined;
  /** Segments already matched during this call. */
  segments?: Map<string, Uint8Array>;
  /** Keys being matched (cycle check). */
  active?: string[];
}

function matchGroup(index: AudienceIndex, node: Extract<Node, { type: "group" }>, now: number, ctx: MatchContext): Uint8Array {
  const size = index.size;
  const and = node.op === "and";
  // An empty and matches everyone, an empty or no one (ast.ts).
  const out = new Uint8Array(size).fill(and ? 1 : 0);
  for (const child of node.children) {
    const bits = matchNode(index, child, now, ctx);
    if (and) for (let slot = 0; slot < size; slot++) out[slot] &= bits[slot];
    else for (let slot = 0; slot < size; slot++) out[slot] |= bits[slot];
  }
  if (node.negate) for (let slot = 0; slot < size; slot++) out[slot] ^= 1;
  return out;
}

function matchSegment(index: AudienceIndex, key: string, now: number, ctx: MatchContext): Uint8Array {
  const done = (ctx.segments ??= new Map());
  const cached = done.get(key);
  if (cached) return cached;
  const active = (ctx.active ??= []);
  if (active.includes(key)) throw new Error(`Segment reference cycle: ${[...active, key].join(" → ")}`);
  const rule = ctx.resolve(key);
  if (!rule) throw new Error(`Unknown segment "${key}"`);
  active.push(key);
  try {
    const bits = matchNode(index, rule, now, ctx);
    done.set(key, bits);
    return bits;
  } finally {
    active.pop();
  }
}

function matchNode(index: AudienceIndex, node: Node, now: number, ctx: MatchContext): Uint8Array {
  switch (node.type) {
    case "group":
      return matchGroup(index, node, now, ctx);
    case "trait":
      return matchTrait(index, node, now);
    case "event":
      return matchEvent(index, node, now);
    case "segment": {
      const bits = matchSegment(index, node.segment, now, ctx);
      if (node.op === "in") return bits;
      const out = new Uint8Array(bits.length);
      for (let slot = 0; slot < bits.length; slot++) out[slot] = bits[slot] ^ 1;
      return out;
    }
    default:
      return assertNever(node, "node");
  }
}

/** The slots matching `rule` as of `now`: 1 for living profiles that match, 0 elsewhere. */
export function matchRule(index: AudienceIndex, rule: Node, now: Date, ctx: MatchContext): Uint8Array {
  const bits = matchNode(index, rule, now.getTime(), ctx);
  const alive = index.isAlive;
  for (let slot = 0; slot < bits.length; slot++) bits[slot] &= alive[slot];
  return bits;
}
