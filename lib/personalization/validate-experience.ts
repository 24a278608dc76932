/**
 * The checks an experience needs beyond its shape: variant content against the slot's fields,
 * merge tags against the sandbox, audiences against the catalog and the stored segments.
 * Every problem is collected with its JSON path and reported at once as a 422.
 */
import "server-only";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import type { Catalog } from "@/lib/rules/catalog";
import { parse } from "@/lib/rules/parse";
import { getCatalog, loadSegments } from "@/lib/segments/segment-rules";
import { isSafeUrl, parseTemplate } from "./render-content";
import { isRecommendationBlock, productItemSchema, recommendationBlockSchema, type CreateExperienceInput, type ExperienceConfig, type SlotField } from "./schemas";

type Problem = { path: string[]; message: string };

/** Request-time context keys a site may send with a decision, usable in inline rules. */
export const REQUEST_CONTEXT_KEYS = ["page_url", "path", "referrer", "locale", "device", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"];

/** The workspace catalog plus request-time context fields. */
export async function getDecisionCatalog(db: Database, workspaceId: string): Promise<Catalog> {
  const catalog = await getCatalog(db, workspaceId);
  const known = new Set(catalog.fields.map((f) => f.field));
  const extra = REQUEST_CONTEXT_KEYS.filter((k) => !known.has(`context.${k}`)).map((k) => ({ field: `context.${k}`, type: "string" as const, examples: [] }));
  return { ...catalog, fields: [...catalog.fields, ...extra] };
}

/** Checks one variant's content against the slot's fields. */
export function contentProblems(fields: readonly SlotField[], content: Record<string, unknown>, base: string[]): Problem[] {
  const problems: Problem[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(content)) {
    if (!byKey.has(key)) problems.push({ path: [...base, key], message: `The slot has no field "${key}": use one of ${[...byKey.keys()].join(", ")}` });
  }
  for (const field of fields) {
    const path = [...base, field.key];
    const value = content[field.key];
    if (value === undefined || value === null || value === "") {
      if (field.required) problems.push({ path, message: `"${field.label ?? field.key}" is required` });
      continue;
    }
    switch (field.type) {
      case "text":
      case "rich_text":
        if (typeof value !== "string") problems.push({ path, message: "Give text" });
        else {
          try {
            parseTemplate(value);
          } catch (error) {
            problems.push({ path, message: (error as Error).message });
          }
        }
        break;
      case "link":
      case "image_url":
        if (!isSafeUrl(value)) problems.push({ path, message: URL_HINT });
        break;
      case "product_list":
        problems.push(...productListProblems(value, path));
        break;
      default: {
        const never: never = field.type;
        throw new Error(`Unknown field type ${String(never)}`);
      }
    }
  }
  return problems;
}

const URL_HINT = "Give an http:// or https:// URL, or a path on the site such as /sports";
const PRODUCT_LIST_HINT = 'Give a list of products, or a recommendation block like { "recommend": { "strategy": "engaged_categories", "count": 4 } }';

function zodProblems(error: z.ZodError, base: string[]): Problem[] {
  return error.issues.map((issue) => ({ path: [...base, ...issue.path.map(String)], message: issue.message }));
}

/** A product_list value: a static list of products or one recommendation block. */
function productListProblems(value: unknown, path: string[]): Problem[] {
  if (isRecommendationBlock(value)) {
    const parsed = recommendationBlockSchema.safeParse(value);
    return parsed.success ? [] : zodProblems(parsed.error, path);
  }
  if (!Array.isArray(value)) return [{ path, message: PRODUCT_LIST_HINT }];
  if (value.length > 100) return [{ path, message: "Give at most 100 products" }];
  return value.flatMap((item, i) => {
    const parsed = productItemSchema.safeParse(item);
    if (!parsed.success) return zodProblems(parsed.error, [...path, String(i)]);
    return (["url", "image"] as const).filter((k) => parsed.data[k] && !isSafeUrl(parsed.data[k])).map((k) => ({ path: [...path, String(i), k], message: URL_HINT }));
  });
}

/**
 * Validates an experience against its slot and the workspace's data; returns the config to store
 * (rules get stable ids) or throws a 422 listing every problem.
 */
export async function validateExperience(db: Database, workspaceId: string, input: CreateExperienceInput, fields: readonly SlotField[]): Promise<ExperienceConfig> {
  const problems: Problem[] = [];
  const variantKeys = Object.keys(input.variants);
  for (const [key, variant] of Object.entries(input.variants)) problems.push(...contentProblems(fields, variant.content, ["variants", key, "content"]));
  if (!input.variants[input.defaultVariant]) problems.push({ path: ["defaultVariant"], message: `No variant "${input.defaultVariant}": use one of ${variantKeys.join(", ")}` });
  if (input.scheduleStart && input.scheduleEnd && Date.parse(input.scheduleStart) >= Date.parse(input.scheduleEnd)) {
    problems.push({ path: ["scheduleEnd"], message: "The schedule must end after it starts" });
  }

  const needsCatalog = input.rules.some((r) => "rule" in r.audience);
  const [catalog, stored] = await Promise.all([needsCatalog ? getDecisionCatalog(db, workspaceId) : null, loadSegments(db, workspaceId)]);
  const ids = new Set<string>();
  const rules = input.rules.map((rule, i) => {
    const path = ["rules", String(i)];
    const id = rule.id ?? `rule-${i + 1}`;
    if (ids.has(id)) problems.push({ path: [...path, "id"], message: `Rule id "${id}" appears twice` });
    ids.add(id);
    if (!input.variants[rule.variant]) problems.push({ path: [...path, "variant"], message: `No variant "${rule.variant}": use one of ${variantKeys.join(", ")}` });
    const audience = rule.audience;
    if ("segments" in audience) {
      audience.segments.forEach((key, j) => {
        if (!stored.has(key)) problems.push({ path: [...path, "audience", "segments", String(j)], message: `No segment "${key}" in this workspace` });
      });
    } else if ("rule" in audience && catalog) {
      const result = parse(audience.rule, catalog, { lookupSegment: (k) => stored.get(k)?.rule });
      if (!result.ok) for (const e of result.errors) problems.push({ path: [...path, "audience", "rule", ...e.path.map(String)], message: e.message });
    }
    return { id, audience, variant: rule.variant };
  });

  if (problems.length > 0) {
    const first = problems[0];
    throw new AppError(
      "validation_failed",
      `The experience is not valid at ${first.path.join(".")}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}.`,
      problems,
    );
  }
  return { ...input, rules };
}
