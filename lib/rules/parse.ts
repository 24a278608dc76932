/**
 * The only way into the rule engines: `parse` checks the shape (zod), then that every field,
 * event and segment exists, then that every operator and value fits — and returns all problems
 * with the JSON path of the offending node. Nothing unknown is ever dropped or guessed.
 */
import type { z } from "zod";
import { MAX_DEPTH, MAX_NODES, nodeSchema, type Rule } from "./ast";
import type { Catalog } from "./catalog";
import { checkRule } from "./check-rule";
import { checkSegments, type SegmentLookup } from "./check-segments";
import type { RuleError } from "./rule-error";

export type { RuleError, RuleErrorCode } from "./rule-error";
export type ParseOptions = SegmentLookup;
export type ParseResult = { ok: true; rule: Rule } | { ok: false; errors: RuleError[] };

type Path = (string | number)[];

/** Bounds nesting and size before zod recurses into the tree. */
function checkSize(json: unknown): RuleError[] {
  let nodes = 0;
  const stack: { value: unknown; depth: number; path: Path }[] = [{ value: json, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (++nodes > MAX_NODES) {
      return [{ path: [], code: "too_large", message: `A rule holds at most ${MAX_NODES} conditions and groups; split it into segments that refer to each other.` }];
    }
    const children = (value as { children?: unknown }).children;
    if (!Array.isArray(children)) continue;
    if (depth > MAX_DEPTH) {
      return [{ path, code: "too_large", message: `Groups nest at most ${MAX_DEPTH} deep; flatten this group or move part of it into its own segment.` }];
    }
    children.forEach((child, i) => stack.push({ value: child, depth: depth + 1, path: [...path, "children", i] }));
  }
  return [];
}

function valueAt(json: unknown, path: Path): unknown {
  let value = json;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

const DISCRIMINATOR_NAMES: Record<string, string> = { type: "node type", operator: "operator", kind: "kind", op: "comparison" };

function shapeMessage(issue: z.core.$ZodIssue, json: unknown, path: Path): string {
  const given = JSON.stringify(valueAt(json, path));
  switch (issue.code) {
    case "invalid_union":
      if (issue.discriminator) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map((o) => `"${String(o)}"`).join(", ");
        const what = DISCRIMINATOR_NAMES[issue.discriminator] ?? issue.discriminator;
        return given === undefined ? `Missing ${what}: use one of ${options}.` : `Unknown ${what} ${given}: use one of ${options}.`;
      }
      return issue.message;
    case "invalid_value":
      return `${given ?? "Nothing"} is not allowed here: use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
    case "invalid_type":
      if (given === undefined) return `Missing "${String(path[path.length - 1] ?? "value")}": expected ${issue.expected}.`;
      return issue.message.startsWith("Invalid input") ? `Expected ${issue.expected}, got ${given}.` : issue.message;
    default:
      return issue.message;
  }
}

function shapeErrors(error: z.ZodError, json: unknown): RuleError[] {
  const errors: RuleError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const operator = valueAt(json, [...path, "operator"]);
      for (const key of issue.keys) {
        const message =
          key === "value" && typeof operator === "string"
            ? `"${operator}" takes no value: remove "value".`
            : `Unknown key "${key}": remove it.`;
        errors.push({ path: [...path, key], code: "invalid_shape", message });
      }
      continue;
    }
    errors.push({ path, code: "invalid_shape", message: shapeMessage(issue, json, path) });
  }
  return errors;
}

/**
 * Validates rule JSON against the catalog. `options.lookupSegment` returns a stored segment's rule
 * by key (for existence and cycle checks); `options.segmentKey` is the key of the segment being saved.
 */
export function parse(json: unknown, catalog: Catalog, options: ParseOptions = {}): ParseResult {
  const sizeErrors = checkSize(json);
  if (sizeErrors.length > 0) return { ok: false, errors: sizeErrors };
  const shape = nodeSchema.safeParse(json);
  if (!shape.success) return { ok: false, errors: shapeErrors(shape.error, json) };
  const errors = [...checkRule(shape.data, catalog), ...checkSegments(shape.data, options)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rule: shape.data as Rule };
}
