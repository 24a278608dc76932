"use client";

import { useRef } from "react";
import { fieldControlClasses, Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import type { Catalog } from "@/lib/rules/catalog";
import { ProductListEditor } from "./product-list-editor";
import type { SlotField } from "./types";

const MERGE_EXAMPLE = '{{ traits.first_name | default: "there" }}';

/** Merge tags a text field can insert: the workspace's traits, then a few last-event properties. */
function mergeTags(catalog: Catalog): { label: string; tag: string }[] {
  const traits = catalog.fields
    .filter((f) => f.field.startsWith("traits.") && f.type !== "list")
    .map((f) => f.field)
    .sort()
    .map((field) => ({ label: field, tag: `{{ ${field} | default: "" }}` }));
  const events = catalog.events.slice(0, 8).flatMap((e) => e.properties.filter((p) => p.type === "string").slice(0, 2).map((p) => ({ label: `last “${e.event}” → ${p.property}`, tag: `{{ events.last["${e.event}"].${p.property} }}` })));
  return [...traits, ...events];
}

function MergeTagInsert({ catalog, onInsert, disabled, label }: { catalog: Catalog; onInsert: (tag: string) => void; disabled?: boolean; label: string }) {
  const options = mergeTags(catalog);
  if (disabled || options.length === 0) return null;
  return (
    <select
      value=""
      onChange={(e) => {
        if (e.target.value) onInsert(e.target.value);
      }}
      aria-label={`Insert a merge tag into ${label}`}
      className="h-6 max-w-48 rounded border border-slate-200 bg-white px-1 text-xs text-slate-600 hover:border-slate-300"
      data-testid="insert-merge-tag"
    >
      <option value="">Insert merge tag…</option>
      {options.map((o) => (
        <option key={o.tag} value={o.tag}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export interface ContentFieldProps {
  id: string;
  field: SlotField;
  value: unknown;
  onChange: (value: unknown) => void;
  error: string | null;
  catalog: Catalog;
  disabled?: boolean;
}

/** One content field of a variant, shaped by its type, with its error underneath. */
export function ContentField({ id, field, value, onChange, error, catalog, disabled }: ContentFieldProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const label = field.label ?? field.key;
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value);
  const templated = field.type === "text" || field.type === "rich_text";
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  function insert(tag: string) {
    const el = ref.current;
    const at = el?.selectionStart ?? text.length;
    const endAt = el?.selectionEnd ?? at;
    onChange(text.slice(0, at) + tag + text.slice(endAt));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + tag.length, at + tag.length);
    });
  }

  const common = {
    id,
    disabled,
    "aria-invalid": Boolean(error) || undefined,
    "aria-describedby": error ? errorId : templated ? hintId : undefined,
    "data-testid": `content-${field.key}`,
  };

  let control;
  switch (field.type) {
    case "text":
      control = <input ref={ref} value={text} onChange={(e) => onChange(e.target.value)} maxLength={10_000} className={cn(fieldControlClasses, "h-9")} placeholder={`e.g. Hello ${MERGE_EXAMPLE}`} {...common} />;
      break;
    case "rich_text":
      control = <textarea ref={ref} value={text} onChange={(e) => onChange(e.target.value)} rows={4} maxLength={10_000} className={cn(fieldControlClasses, "py-2 font-mono text-[13px]")} placeholder="<p>Read the <strong>latest</strong> scores.</p>" {...common} />;
      break;
    case "image_url":
    case "link":
      control = (
        <div className="flex items-center gap-2">
          <Input type="text" inputMode="url" value={text} onChange={(e) => onChange(e.target.value)} maxLength={2000} invalid={Boolean(error)} placeholder="https://… or /path" className="font-mono text-[13px]" {...common} />
          {field.type === "image_url" && /^https?:\/\/\S+$/.test(text) ? (
            // A plain <img>: any customer host; next/image needs configured domains
            <img src={text} alt="" className="size-9 shrink-0 rounded border border-slate-200 object-cover" />
          ) : null}
        </div>
      );
      break;
    case "product_list":
      control = <ProductListEditor id={id} value={value} onChange={onChange} disabled={disabled} invalid={Boolean(error)} />;
      break;
    default:
      control = <Input value={text} onChange={(e) => onChange(e.target.value)} {...common} />;
  }

  return (
    <div className="space-y-1.5" data-testid="content-field" data-field={field.key}>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
          {field.required ? <span className="text-red-500"> *</span> : null}
          <code className="ml-2 font-mono text-xs font-normal text-slate-400">{field.key}</code>
        </label>
        {templated ? <MergeTagInsert catalog={catalog} onInsert={insert} disabled={disabled} label={label} /> : null}
      </div>
      {control}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-600" data-testid="content-error">
          {error}
        </p>
      ) : templated ? (
        <p id={hintId} className="text-xs text-slate-500">
          Merge tags in Liquid, e.g. <code className="rounded bg-slate-100 px-1 font-mono">{MERGE_EXAMPLE}</code>
          {field.type === "rich_text" ? " · HTML is sanitized (no scripts, styles or event handlers)." : null}
        </p>
      ) : null}
    </div>
  );
}
