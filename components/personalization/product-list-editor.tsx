"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PlusIcon } from "@/components/ui/icons";
import { fieldControlClasses } from "@/components/ui/input";
import { MAX_RECOMMENDATIONS, RECOMMENDATION_STRATEGIES, type RecommendationStrategy } from "@/lib/personalization/schemas";
import { moveItem, RowActions } from "./row-actions";

type Product = Record<string, unknown>;
const COLUMNS = [
  { key: "product_id", label: "Product id", placeholder: "sku-1000" },
  { key: "name", label: "Name", placeholder: "Trail shoes" },
  { key: "url", label: "Link", placeholder: "/p/sku-1000" },
  { key: "image", label: "Image", placeholder: "https://…/p1.jpg" },
  { key: "price", label: "Price", placeholder: "89.90" },
] as const;

const STRATEGY_LABELS: Record<RecommendationStrategy, string> = {
  engaged_categories: "from the categories this visitor engaged with most (popular items for a first-time visitor)",
  popular: "the most popular items",
};

type Recommend = { recommend: { strategy?: RecommendationStrategy; count?: number } };
const isBlock = (value: unknown): value is Recommend => Boolean(value && typeof value === "object" && !Array.isArray(value) && "recommend" in value);

/** A value the row editor can show: a list of plain objects (anything else is edited as JSON). */
function asProducts(value: unknown): Product[] | null {
  if (value === undefined || value === null || value === "") return [];
  if (!Array.isArray(value)) return null;
  return value.every((v) => v && typeof v === "object" && !Array.isArray(v)) ? (value as Product[]) : null;
}

/** A product list: recommendations for the visitor, or fixed rows of products, or raw JSON for anything else. */
export function ProductListEditor({ id, value, onChange, disabled, invalid }: { id: string; value: unknown; onChange: (value: unknown) => void; disabled?: boolean; invalid?: boolean }) {
  const block = isBlock(value);
  const mode = (
    <div role="radiogroup" aria-label="Products to show" className="inline-flex rounded-md bg-slate-100 p-0.5">
      {([["recommend", "Recommended for the visitor"], ["fixed", "A fixed list"]] as const).map(([m, label]) => {
        const on = (m === "recommend") === block;
        return (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={on}
            disabled={disabled}
            onClick={() => (on ? null : onChange(m === "recommend" ? { recommend: { strategy: "engaged_categories", count: 4 } } : []))}
            className={cn("h-7 rounded px-2.5 text-xs font-semibold", on ? "bg-white text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-500 hover:text-slate-800")}
            data-testid={`products-${m}`}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
  if (block) {
    const rec = value.recommend ?? {};
    const set = (patch: Partial<Recommend["recommend"]>) => onChange({ recommend: { ...rec, ...patch } });
    return (
      <div className="space-y-2" id={id} data-testid="product-recommend">
        {mode}
        <div className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
          Show
          <span className="inline-block w-16">
          <input
            value={rec.count ?? 4}
            onChange={(e) => set({ count: e.target.value === "" ? undefined : Number(e.target.value) })}
            inputMode="numeric"
            aria-label="How many products"
            disabled={disabled}
            className={cn(fieldControlClasses, "h-8 text-xs")}
          />
          </span>
          items
          <span className="inline-block min-w-0 flex-1">
          <select value={rec.strategy ?? "engaged_categories"} onChange={(e) => set({ strategy: e.target.value as RecommendationStrategy })} disabled={disabled} aria-label="Recommendation strategy" className={cn(fieldControlClasses, "h-8 w-auto max-w-full text-xs")}>
            {RECOMMENDATION_STRATEGIES.map((st) => (
              <option key={st} value={st}>
                {STRATEGY_LABELS[st] ?? st}
              </option>
            ))}
          </select>
          </span>
        </div>
        <p className="text-xs text-slate-500">Bought items are left out. At most {MAX_RECOMMENDATIONS} items.</p>
      </div>
    );
  }
  const products = asProducts(value);
  const [json, setJson] = useState<string | null>(products === null ? JSON.stringify(value, null, 2) : null);
  const [jsonError, setJsonError] = useState<string | null>(null);

  if (json !== null || products === null) {
    const text = json ?? JSON.stringify(value, null, 2);
    return (
      <div className="space-y-1.5">
        <textarea
          id={id}
          value={text}
          rows={6}
          disabled={disabled}
          aria-invalid={invalid || Boolean(jsonError) || undefined}
          className={cn(fieldControlClasses, "py-2 font-mono text-xs")}
          onChange={(e) => {
            setJson(e.target.value);
            try {
              onChange(JSON.parse(e.target.value));
              setJsonError(null);
            } catch (error) {
              setJsonError(`Not JSON yet: ${(error as Error).message}`);
            }
          }}
          data-testid="product-list-json"
        />
        {jsonError ? <p className="text-xs font-medium text-red-600">{jsonError}</p> : null}
        {!disabled && asProducts(value) !== null ? (
          <Button variant="ghost" size="sm" onClick={() => setJson(null)} disabled={Boolean(jsonError)}>
            Edit as rows
          </Button>
        ) : null}
      </div>
    );
  }

  const set = (next: Product[]) => onChange(next);
  return (
    <div className="space-y-2" id={id} data-testid="product-list">
      {disabled ? null : mode}
      {products.length === 0 ? <p className="text-xs text-slate-500">No products. Add the items to show, in order.</p> : null}
      {products.map((p, i) => (
        <div key={i} className="flex items-center gap-1.5" data-list={`${id}-products`} data-index={i}>
          {COLUMNS.map((c) => (
            <input
              key={c.key}
              value={p[c.key] === undefined || p[c.key] === null ? "" : String(p[c.key])}
              onChange={(e) => {
                const raw = e.target.value;
                const v = c.key === "price" && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
                set(products.map((q, j) => (j === i ? { ...q, [c.key]: v } : q)));
              }}
              placeholder={c.placeholder}
              aria-label={`${c.label} of product ${i + 1}`}
              disabled={disabled}
              className={cn(fieldControlClasses, "h-8 min-w-0 text-xs", c.key === "price" ? "w-20 shrink-0" : "flex-1")}
            />
          ))}
          {disabled ? null : <RowActions list={`${id}-products`} index={i} count={products.length} what={`product ${i + 1}`} onMove={(from, to) => set(moveItem(products, from, to))} onRemove={() => set(products.filter((_, j) => j !== i))} />}
        </div>
      ))}
      {disabled ? null : (
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => set([...products, { product_id: "", name: "" }])} disabled={products.length >= 100}>
            <PlusIcon className="size-4" />
            Add product
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setJson(JSON.stringify(products, null, 2))}>
            Edit as JSON
          </Button>
        </div>
      )}
    </div>
  );
}
