"use client";

import { useId, type KeyboardEvent } from "react";
import type { FieldProblem } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describedBy, Field } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { Catalog } from "@/lib/rules/catalog";
import { ContentField } from "./content-field";
import type { VariantDraft } from "./experience-draft";
import { messageAt, messagesUnder } from "./problems";
import type { SlotDto } from "./types";

/** What is wrong with a variant key; null when fine. */
export function variantKeyProblem(key: string, others: string[]): string | null {
  if (!key) return "Give the variant a key";
  if (key.length > 64) return "Keep keys under 64 characters";
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) return "Use lowercase letters, digits, - and _ (like sports)";
  if (others.includes(key)) return `Another variant already has the key "${key}"`;
  return null;
}

export interface VariantsEditorProps {
  variants: VariantDraft[];
  selected: string;
  onSelect: (uid: string) => void;
  onChange: (uid: string, patch: Partial<VariantDraft>) => void;
  onAdd: () => void;
  onRemove: (uid: string) => void;
  /** Where each variant is used, to refuse removing one that rules or the default still show. */
  usage: (key: string) => string | null;
  defaultVariant: string;
  slot: SlotDto | undefined;
  catalog: Catalog;
  problems: FieldProblem[];
  /** Problems the live preview found in the selected variant, by field key. */
  previewErrors: Record<string, string>;
  disabled: boolean;
}

/** Variant tabs and, for the selected one, its name, key and a form built from the slot's fields. */
export function VariantsEditor({ variants, selected, onSelect, onChange, onAdd, onRemove, usage, defaultVariant, slot, catalog, problems, previewErrors, disabled }: VariantsEditorProps) {
  const id = useId();
  const current = variants.find((v) => v.uid === selected) ?? variants[0];
  const index = variants.findIndex((v) => v.uid === current?.uid);

  function onTabKey(event: KeyboardEvent) {
    const next = event.key === "ArrowRight" ? index + 1 : event.key === "ArrowLeft" ? index - 1 : null;
    if (next === null || next < 0 || next >= variants.length) return;
    event.preventDefault();
    onSelect(variants[next].uid);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-variant-tab="${variants[next].uid}"]`)?.focus());
  }

  if (!current) return null;
  const others = variants.filter((v) => v.uid !== current.uid).map((v) => v.key);
  const keyError = messageAt(problems, ["variants", current.key]) ?? variantKeyProblem(current.key, others);
  const nameError = messageAt(problems, ["variants", current.key, "name"]) ?? (current.name.trim() ? null : "Give the variant a name");
  const inUse = usage(current.key);
  const fieldError = (field: string) => messageAt(problems, ["variants", current.key, "content", field]) ?? previewErrors[field] ?? null;
  const unknownContent = messagesUnder(problems, ["variants", current.key, "content"]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-1.5" role="tablist" aria-label="Variants" onKeyDown={onTabKey}>
        {variants.map((v) => {
          const bad = problems.some((p) => p.path[0] === "variants" && p.path[1] === v.key);
          return (
            <button
              key={v.uid}
              type="button"
              role="tab"
              aria-selected={v.uid === current.uid}
              tabIndex={v.uid === current.uid ? 0 : -1}
              onClick={() => onSelect(v.uid)}
              data-variant-tab={v.uid}
              data-testid="variant-tab"
              data-key={v.key}
              className={cn(
                "inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium ring-1 ring-inset transition-colors",
                v.uid === current.uid ? "bg-accent-600 text-white ring-accent-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                bad && v.uid !== current.uid && "ring-red-400 text-red-700",
              )}
            >
              {v.name || v.key || "Untitled"}
              {v.key === defaultVariant ? <span className={cn("rounded px-1 text-[10px] uppercase", v.uid === current.uid ? "bg-white/20" : "bg-slate-100 text-slate-500")}>default</span> : null}
              {bad ? <span aria-label="has problems" className="size-1.5 rounded-full bg-red-500" /> : null}
            </button>
          );
        })}
        {disabled ? null : (
          <Button variant="ghost" size="sm" onClick={onAdd} disabled={variants.length >= 20} data-testid="add-variant">
            <PlusIcon className="size-4" />
            Add variant
          </Button>
        )}
      </div>

      <div role="tabpanel" aria-label={`Variant ${current.name || current.key}`} className="space-y-4" data-testid="variant-panel" data-key={current.key}>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
          <Field id={`${id}-vname`} label="Variant name" error={nameError}>
            <Input id={`${id}-vname`} value={current.name} onChange={(e) => onChange(current.uid, { name: e.target.value })} maxLength={200} disabled={disabled} invalid={Boolean(nameError)} aria-describedby={describedBy(`${id}-vname`, undefined, nameError)} data-testid="variant-name" />
          </Field>
          <Field id={`${id}-vkey`} label="Key" hint="Reported in decisions as the variant." error={keyError}>
            <Input id={`${id}-vkey`} value={current.key} onChange={(e) => onChange(current.uid, { key: e.target.value.toLowerCase() })} maxLength={64} disabled={disabled} invalid={Boolean(keyError)} aria-describedby={describedBy(`${id}-vkey`, "hint", keyError)} className="font-mono text-[13px]" data-testid="variant-key" />
          </Field>
          {disabled ? null : (
            <div className="pt-6">
              <Button variant="danger-ghost" size="sm" onClick={() => onRemove(current.uid)} disabled={Boolean(inUse) || variants.length === 1} title={inUse ?? (variants.length === 1 ? "An experience needs at least one variant" : undefined)} data-testid="remove-variant">
                Remove variant
              </Button>
            </div>
          )}
        </div>
        {inUse && !disabled ? <p className="-mt-2 text-xs text-slate-500">{inUse}</p> : null}

        {!slot ? (
          <p className="text-sm text-slate-500">Choose a slot to fill in the content.</p>
        ) : (
          <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/50 p-4">
            {slot.fields.map((field) => (
              <ContentField
                key={`${current.uid}-${field.key}`}
                id={`${id}-${current.uid}-${field.key}`}
                field={field}
                value={current.content[field.key]}
                onChange={(value) => onChange(current.uid, { content: { ...current.content, [field.key]: value } })}
                error={fieldError(field.key)}
                catalog={catalog}
                disabled={disabled}
              />
            ))}
            {unknownContent && !slot.fields.some((f) => fieldError(f.key)) ? <p className="text-xs font-medium text-red-600">{unknownContent}</p> : null}
          </div>
        )}
      </div>
    </div>
  );
}
