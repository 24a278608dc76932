/**
 * A rule in plain English, for segment lists, the builder's summary line and audit entries:
 * "People in the US or Canada who viewed a sports page at least 3 times in the last 30 days".
 * Places ("in the US") come first, then relative clauses joined by "and"/"or"; nested groups go
 * in parentheses and negated ones read "except those …".
 */
import type { Group, Node, Rule } from "./ast";
import { indexCatalog, type Catalog, type CatalogIndex } from "./catalog";
import { eventPhrase, segmentPhrase, traitPhrase, type Phrase } from "./describe-condition";
import { joinWords } from "./describe-format";
import { assertNever } from "./operators";

function leafPhrase(node: Exclude<Node, Group>, index?: CatalogIndex): Phrase {
  switch (node.type) {
    case "trait":
      return traitPhrase(node, index);
    case "event":
      return eventPhrase(node);
    case "segment":
      return segmentPhrase(node, index);
    default:
      return assertNever(node, "node");
  }
}

/** A child of a group as one phrase. */
function part(node: Node, index?: CatalogIndex): Phrase {
  if (node.type !== "group") return leafPhrase(node, index);
  if (node.children.length === 0) return { text: node.op === "and" !== !!node.negate ? "(anyone)" : "(no one)" };
  if (node.negate) return { text: `except those ${body({ ...node, negate: false }, index)}` };
  if (node.children.length === 1) return part(node.children[0], index);
  return { text: `(${body(node, index)})` };
}

/** What follows "People": places first, then clauses. */
function body(node: Node, index?: CatalogIndex): string {
  if (node.type !== "group") {
    const phrase = leafPhrase(node, index);
    return phrase.location ?? phrase.text;
  }
  const parts = node.children.map((child) => part(child, index));
  if (node.op === "or") return joinWords(parts.map((p) => p.location ?? p.text), "or");
  const places = parts.filter((p) => p.location).map((p) => p.location!);
  const exceptions = parts.filter((p) => !p.location && p.text.startsWith("except ")).map((p) => p.text);
  const clauses = parts.filter((p) => !p.location && !p.text.startsWith("except ")).map((p) => p.text);
  const main = [places.join(" and "), joinWords(clauses, "and")].filter(Boolean).join(" ");
  return [main || "who match", ...exceptions].join(", ");
}

/** The rule as one English sentence; the catalog supplies field labels and segment names. */
export function describe(rule: Rule | Node, catalog?: Catalog): string {
  const index = catalog ? indexCatalog(catalog) : undefined;
  if (rule.type === "group" && rule.children.length === 0) return rule.op === "and" !== !!rule.negate ? "Everyone" : "No one";
  if (rule.type === "group" && rule.negate) return `Everyone except people ${body({ ...rule, negate: false }, index)}`;
  if (rule.type === "group" && rule.children.length === 1 && rule.children[0].type === "group") {
    return describe(rule.children[0], catalog);
  }
  return `People ${body(rule, index)}`;
}
