/**
 * Variant content → what the site receives. Text fields may hold Liquid merge tags, rendered in a
 * strict sandbox: no file system, no includes or assignments, a short allow-list of filters,
 * own properties only, every output HTML-escaped, and limits on parse size, render time and memory.
 * Rich text is then sanitized; URLs must be http(s).
 */
import "server-only";
import { Liquid, type Template } from "liquidjs";
import sanitizeHtml from "sanitize-html";
import { isRecommendationBlock, recommendationBlockSchema, type FieldType, type ProductItem, type RecommendationBlock, type SlotField } from "./schemas";

const ALLOWED_TAGS = new Set(["if", "unless", "case", "comment", "raw"]);
const ALLOWED_FILTERS = new Set([
  "default", "upcase", "downcase", "capitalize", "strip", "lstrip", "rstrip", "truncate", "truncatewords",
  "escape", "url_encode", "plus", "minus", "round", "floor", "ceil", "date", "size",
]);

const noFs = {
  readFileSync: () => { throw new Error("Templates cannot read files"); },
  readFile: async () => { throw new Error("Templates cannot read files"); },
  existsSync: () => false,
  exists: async () => false,
  resolve: () => "",
  contains: async () => false,
  sep: "/",
};

function createEngine(): Liquid {
  const engine = new Liquid({
    fs: noFs,
    root: [],
    partials: [],
    layouts: [],
    dynamicPartials: false,
    relativeReference: false,
    ownPropertyOnly: true,
    outputEscape: "escape",
    strictFilters: true,
    strictVariables: false,
    parseLimit: 10_000,
    renderLimit: 50,
    memoryLimit: 100_000,
  });
  for (const tag of Object.keys(engine.tags)) if (!ALLOWED_TAGS.has(tag)) delete engine.tags[tag];
  for (const filter of Object.keys(engine.filters)) if (!ALLOWED_FILTERS.has(filter)) delete engine.filters[filter];
  return engine;
}

const engine = createEngine();
const MAX_TEMPLATE_CHARS = 10_000;

/** Parses a merge-tag template; throws with a readable message when it uses anything not allowed. */
export function parseTemplate(source: string): Template[] {
  if (source.length > MAX_TEMPLATE_CHARS) throw new Error(`Keep text under ${MAX_TEMPLATE_CHARS} characters`);
  try {
    return engine.parse(source);
  } catch (error) {
    const message = (error as Error).message.replace(/, line:\d+, col:\d+$/, "");
    throw new Error(`Merge tags are not valid: ${message}. Allowed tags: ${[...ALLOWED_TAGS].join(", ")}; filters: ${[...ALLOWED_FILTERS].join(", ")}.`);
  }
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "span", "h1", "h2", "h3", "h4", "blockquote", "img"],
  allowedAttributes: { a: ["href", "title", "target", "rel"], img: ["src", "alt", "width", "height"], span: ["class"], p: ["class"] },
  allowedSchemes: ["http", "https", "mailto"],
  disallowedTagsMode: "discard",
};

/** Rich text as it may reach a page. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** A path on the site itself (`/sports`), never protocol-relative (`//host`) or with backslashes. */
export function isSitePath(value: unknown): value is string {
  return typeof value === "string" && /^\/(?![/\\])[^\s\\]*$/.test(value) && value.length <= 2000;
}

/** Links and images: http(s) URLs or paths on the site. */
export function isSafeUrl(value: unknown): value is string {
  return isHttpUrl(value) || isSitePath(value);
}

/** Fills a recommendation block with products for the visitor being decided. */
export type Recommend = (block: RecommendationBlock) => Promise<ProductItem[]>;

/** A variant's content with its templates parsed once, ready to render for many visitors. */
export interface CompiledContent {
  /** Without `recommend`, recommendation blocks render as empty lists. */
  render: (scope: Record<string, unknown>, recommend?: Recommend) => Promise<Record<string, unknown>>;
  /** Event names the templates read as `events.last["Name"]` / `events.last.Name`. */
  lastEvents: string[];
  /** Some template reads `events` otherwise (a loop, a variable name): it may read any event's properties. */
  readsAnyEvent: boolean;
  /** The recommendation blocks in this content: decide looks products up only when there are some. */
  recommendations: RecommendationBlock[];
}

/** A static product as every rendered list carries it: all keys, missing ones null. */
function productOf(item: Record<string, unknown>): ProductItem {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return {
    product_id: String(item.product_id ?? ""),
    name: String(item.name ?? ""),
    category: text(item.category),
    price: typeof item.price === "number" ? item.price : null,
    url: text(item.url),
    image: text(item.image),
  };
}

/** Rendered rich text → sanitized, for the many visitors a template renders alike for (sanitizing costs ~50 µs). */
const sanitized = new Map<string, string>();
const SANITIZED_MAX = 2_000;
function sanitizeRendered(html: string): string {
  let clean = sanitized.get(html);
  if (clean === undefined) {
    clean = sanitizeRichText(html);
    if (sanitized.size >= SANITIZED_MAX) sanitized.clear();
    sanitized.set(html, clean);
  }
  return clean;
}

const TEMPLATED: ReadonlySet<FieldType> = new Set(["text", "rich_text"]);
/** Every mention of the `events` variable: more than the LAST_EVENT ones means a template reads events by other means. */
const ANY_EVENTS = /\bevents\b/g;
const LAST_EVENT = /events\.last(?:\[\s*(?:"([^"]+)"|'([^']+)')\s*\]|\.([A-Za-z_][A-Za-z0-9_]*))/g;

/** Compiles stored (already validated) content against the slot's fields. */
export function compileContent(fields: readonly SlotField[], content: Record<string, unknown>): CompiledContent {
  const parts: { key: string; type: FieldType; value: unknown; template: Template[] | null; recommend: RecommendationBlock | null }[] = [];
  const lastEvents = new Set<string>();
  let readsAnyEvent = false;
  const recommendations: RecommendationBlock[] = [];
  for (const field of fields) {
    if (!(field.key in content)) continue;
    let value = content[field.key];
    let template: Template[] | null = null;
    let recommend: RecommendationBlock | null = null;
    if (TEMPLATED.has(field.type) && typeof value === "string" && value.includes("{")) {
      template = parseTemplate(value);
      let named = 0;
      for (const m of value.matchAll(LAST_EVENT)) {
        lastEvents.add(m[1] ?? m[2] ?? m[3]);
        named++;
      }
      if ((value.match(ANY_EVENTS) ?? []).length > named) readsAnyEvent = true;
    }
    if (field.type === "product_list" && isRecommendationBlock(value)) {
      recommend = recommendationBlockSchema.parse(value).recommend;
      recommendations.push(recommend);
    } else if (field.type === "product_list" && Array.isArray(value)) {
      value = value.map((item) => productOf(item as Record<string, unknown>));
    }
    // Rich text without merge tags is the same for everyone: sanitized once, here.
    if (field.type === "rich_text" && !template && typeof value === "string") value = sanitizeRichText(value);
    parts.push({ key: field.key, type: field.type, value, template, recommend });
  }
  return {
    lastEvents: [...lastEvents],
    readsAnyEvent,
    recommendations,
    render: async (scope, resolve) => {
      const out: Record<string, unknown> = {};
      for (const part of parts) {
        let value = part.value;
        // The sandbox has no asynchronous tags or filters, so the synchronous renderer gives the same output, faster.
        if (part.template) value = engine.renderSync(part.template, scope);
        if (part.recommend) value = resolve ? await resolve(part.recommend) : [];
        if (part.template && part.type === "rich_text" && typeof value === "string") value = sanitizeRendered(value);
        out[part.key] = value;
      }
      return out;
    },
  };
}
