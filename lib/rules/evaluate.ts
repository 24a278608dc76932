/**
 * The TypeScript engine: decides whether one profile matches a rule, with no I/O. It runs for
 * every profile on every event, so a rule is compiled once into closures (cached per rule object)
 * and evaluation allocates nothing on the common paths.
 */
import type { Node, Rule, TraitCondition } from "./ast";
import { compileEventTest, type EventFact } from "./evaluate-event";
import { resolveField } from "./fields";
import { compileJsonGetter } from "./json-getter";
import { assertNever } from "./operators";
import { compileValueTest } from "./value-test";

export type { EventFact } from "./evaluate-event";

export interface ProfileFacts {
  userId: string | null;
  traits: Record<string, unknown>;
  /** Last known context: device, browser, os, country, city, utm_*, referrer. */
  context: Record<string, unknown>;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface Facts {
  profile: ProfileFacts;
  /** The profile's events, in any order; events after `now` are ignored. */
  events: readonly EventFact[];
  /** Membership in other segments; required when the rule refers to one. */
  segments?: (key: string) => boolean;
}

type Check = (facts: Facts, now: number) => boolean;
/** A compiled rule: call it with facts and the evaluation instant. */
export type Evaluator = (facts: Facts, now: Date) => boolean;

function compileTrait(c: TraitCondition): Check {
  const test = compileValueTest(c);
  const ref = resolveField(c.field);
  if (ref === null) throw new Error(`Unknown field "${c.field}"`);
  switch (ref.source) {
    case "traits": {
      const get = compileJsonGetter(ref.path);
      return (f, now) => test(get(f.profile.traits), now);
    }
    case "context": {
      const get = compileJsonGetter(ref.path);
      return (f, now) => test(get(f.profile.context), now);
    }
    case "user_id":
      return (f, now) => test(f.profile.userId, now);
    case "known":
      return (f, now) => test(f.profile.userId !== null && f.profile.userId !== undefined, now);
    case "first_seen_at":
      return (f, now) => test(f.profile.firstSeenAt, now);
    case "last_seen_at":
      return (f, now) => test(f.profile.lastSeenAt, now);
    default:
      return assertNever(ref, "field");
  }
}

function compileGroup(children: readonly Check[], any: boolean, negate: boolean): Check {
  // `any` (or): true as soon as one child is; `and`: false as soon as one child is.
  if (children.length === 1) {
    const only = children[0];
    return negate ? (f, now) => !only(f, now) : only;
  }
  return (f, now) => {
    for (let i = 0; i < children.length; i++) {
      if (children[i](f, now) === any) return any !== negate;
    }
    return !any !== negate;
  };
}

function compileNode(node: Node): Check {
  switch (node.type) {
    case "group":
      return compileGroup(node.children.map(compileNode), node.op === "or", node.negate === true);
    case "trait":
      return compileTrait(node);
    case "event": {
      const test = compileEventTest(node);
      return (f, now) => test(f.events, now);
    }
    case "segment": {
      const { segment, op } = node;
      const wanted = op === "in";
      return (f) => {
        if (!f.segments) throw new Error(`The rule refers to segment "${segment}" but no segment membership was given`);
        return f.segments(segment) === wanted;
      };
    }
    default:
      return assertNever(node, "node");
  }
}

const compiled = new WeakMap<Rule, Check>();

/** Compiles a parsed rule into a fast evaluator (cached per rule object). */
export function compileEvaluator(rule: Rule): Evaluator {
  const check = compiledCheck(rule);
  return (facts, now) => check(facts, now.getTime());
}

function compiledCheck(rule: Rule): Check {
  let check = compiled.get(rule);
  if (check === undefined) {
    check = compileNode(rule);
    compiled.set(rule, check);
  }
  return check;
}

/** Whether the profile described by `facts` matches `rule` as of `now`. */
export function evaluate(rule: Rule, facts: Facts, now: Date): boolean {
  return compiledCheck(rule)(facts, now.getTime());
}
