"use client";

import { createContext, useContext } from "react";
import type { Catalog, CatalogIndex } from "@/lib/rules/catalog";
import type { PickerOption } from "./picker";
import type { NodeProblem } from "./rule-problems";
import type { NodePath, RuleNode } from "./rule-tree";

export interface BuilderContextValue {
  catalog: Catalog;
  index: CatalogIndex;
  fieldOptions: PickerOption[];
  eventOptions: PickerOption[];
  segmentOptions: PickerOption[];
  disabled: boolean;
  /** Problems by node path key. */
  problems: Map<string, NodeProblem[]>;
  /** Each top-level node's own count, by node path key. */
  counts: Map<string, number>;
  /** The counts belong to an earlier version of the rule and a new count is on its way. */
  countsStale: boolean;
  update: (path: NodePath, fn: (node: RuleNode) => RuleNode) => void;
  remove: (path: NodePath) => void;
  move: (path: NodePath, delta: -1 | 1) => void;
  append: (groupPath: NodePath, node: RuleNode) => void;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

/** The builder's shared state and actions; only valid inside <RuleBuilder>. */
export function useBuilder(): BuilderContextValue {
  const ctx = useContext(BuilderContext);
  if (!ctx) throw new Error("useBuilder must be used inside <RuleBuilder>");
  return ctx;
}
