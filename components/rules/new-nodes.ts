/** What a condition or group starts as when added: valid, and as useful as the catalog allows. */
import type { CatalogIndex } from "@/lib/rules/catalog";
import type { PickerOption } from "./picker";
import { firstOperator, predicateFor } from "./predicate-defaults";
import type { GroupNode, RuleNode } from "./rule-tree";

export type NewNodeKind = "trait" | "event" | "segment";

interface Sources {
  index: CatalogIndex;
  fieldOptions: readonly PickerOption[];
  eventOptions: readonly PickerOption[];
  segmentOptions: readonly PickerOption[];
}

/**
 * The first trait or context field of the picker, with its first operator and most frequent value;
 * "known is true" when no data has arrived yet.
 */
function newTrait({ index, fieldOptions }: Sources): RuleNode {
  const name = fieldOptions.find((o) => o.group !== "Built-in")?.value ?? "known";
  const field = index.fields.get(name);
  const type = field?.type ?? "boolean";
  return { type: "trait", field: name, ...predicateFor(firstOperator(type), type, undefined, field?.examples ?? []) } as RuleNode;
}

/** The first event, done at least once in the last 30 days. */
function newEvent({ eventOptions }: Sources): RuleNode {
  return {
    type: "event",
    event: eventOptions[0]?.value ?? "",
    filters: [],
    measure: { kind: "count" },
    comparison: { op: "at_least", value: 1 },
    window: { kind: "last", amount: 30, unit: "days" },
  };
}

function newSegment({ segmentOptions }: Sources): RuleNode {
  return { type: "segment", op: "in", segment: segmentOptions[0]?.value ?? "" };
}

export function newNode(kind: NewNodeKind, sources: Sources): RuleNode {
  if (kind === "trait") return newTrait(sources);
  if (kind === "event") return newEvent(sources);
  return newSegment(sources);
}

/**
 * A nested group uses the other operator than its parent (that is why one nests: "US and (A or B)")
 * and starts with one trait condition.
 */
export function newGroup(parentOp: string, sources: Sources): GroupNode {
  return { type: "group", op: parentOp === "or" ? "and" : "or", children: [newTrait(sources)] };
}
