"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldProblem } from "@/components/api-client";
import { FIELD_TYPES, type FieldType } from "@/lib/personalization/schemas";
import { messageAt, messagesUnder } from "./problems";
import { moveItem, moveKeys, RowActions, focusItem } from "./row-actions";
import { FIELD_TYPE_LABELS } from "./types";

export interface FieldDraft {
  uid: string;
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** The key follows the label until it is typed by hand (new fields only). */
  keyEdited: boolean;
}

const TYPE_HINTS: Record<FieldType, string> = {
  text: "One line; may hold merge tags",
  rich_text: "HTML, sanitized; may hold merge tags",
  image_url: "An http(s) image address or a site path",
  link: "An http(s) address or a path like /sports",
  product_list: "Fixed products or recommendations",
};

/** "Call to action" → "call_to_action": the field key a label suggests. */
export function fieldKeyFromLabel(label: string): string {
  const key = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return /^[a-z]/.test(key) ? key : key ? `f_${key}`.slice(0, 64) : "";
}

/** What is wrong with a field key, as the API would say; null when fine. */
export function fieldKeyProblem(key: string, others: string[]): string | null {
  if (!key) return "Give the field a key";
  if (!/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(key)) return "Field keys start with a letter and hold letters, digits and _";
  if (others.includes(key)) return `Field "${key}" appears twice`;
  return null;
}

let counter = 0;
export const newUid = () => `f${Date.now().toString(36)}${(counter++).toString(36)}`;

/** The slot's content schema: ordered fields with key, label, type and required. */
export function SlotFieldsEditor({ fields, onChange, problems, disabled, showClientErrors }: {
  fields: FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  problems: FieldProblem[];
  disabled: boolean;
  showClientErrors: boolean;
}) {
  const set = (i: number, patch: Partial<FieldDraft>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const move = (from: number, to: number) => onChange(moveItem(fields, from, to));

  function add() {
    onChange([...fields, { uid: newUid(), key: "", label: "", type: "text", required: false, keyEdited: false }]);
    focusItem("slot-fields", fields.length, "none");
  }

  return (
    <div className="space-y-2">
      {fields.length === 0 ? <p className="text-sm text-slate-500">A slot needs at least one field. Add the parts every variant fills in: a headline, an image, a link…</p> : null}
      {fields.length ? (
        <div className="hidden grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)_11rem_6rem_5.5rem] gap-2 px-1 text-xs font-medium text-slate-500 md:grid">
          <span>Label</span>
          <span>Key</span>
          <span>Type</span>
          <span>Required</span>
          <span className="sr-only">Actions</span>
        </div>
      ) : null}
      {fields.map((field, i) => {
        const clientKey = showClientErrors ? fieldKeyProblem(field.key, fields.filter((_, j) => j !== i).map((f) => f.key)) : null;
        const keyError = messageAt(problems, ["fields", i, "key"]) ?? clientKey;
        const other = messagesUnder(problems, ["fields", i]);
        const rowError = other && other !== keyError ? other : null;
        return (
          <div
            key={field.uid}
            className={cn("rounded-lg border border-slate-200 bg-slate-50/60 p-2", (keyError || rowError) && "border-red-200 bg-red-50/40")}
            data-list="slot-fields"
            data-index={i}
            data-testid="slot-field"
            onKeyDown={disabled ? undefined : moveKeys(i, fields.length, "slot-fields", move)}
          >
            <div className="grid items-start gap-2 md:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_11rem_6rem_5.5rem]">
              <Input
                value={field.label}
                onChange={(e) => set(i, { label: e.target.value, ...(field.keyEdited ? {} : { key: fieldKeyFromLabel(e.target.value) }) })}
                placeholder="e.g. Headline"
                aria-label={`Label of field ${i + 1}`}
                maxLength={200}
                disabled={disabled}
                data-testid="field-label"
              />
              <div>
                <Input
                  value={field.key}
                  onChange={(e) => set(i, { key: e.target.value, keyEdited: true })}
                  placeholder="headline"
                  aria-label={`Key of field ${i + 1}`}
                  maxLength={64}
                  disabled={disabled}
                  invalid={Boolean(keyError)}
                  className="font-mono text-[13px]"
                  data-testid="field-key"
                />
                {keyError ? (
                  <p className="mt-1 text-xs font-medium text-red-600" data-testid="field-key-error">
                    {keyError}
                  </p>
                ) : null}
              </div>
              <div>
                <Select value={field.type} onChange={(e) => set(i, { type: e.target.value as FieldType })} aria-label={`Type of field ${i + 1}`} disabled={disabled} data-testid="field-type">
                  {FIELD_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {FIELD_TYPE_LABELS[t]}
                    </option>
                  ))}
                </Select>
                <p className="mt-1 text-[11px] leading-tight text-slate-500">{TYPE_HINTS[field.type]}</p>
              </div>
              <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" checked={field.required} onChange={(e) => set(i, { required: e.target.checked })} disabled={disabled} className="size-4 rounded border-slate-300 accent-accent-600" data-testid="field-required" />
                Required
              </label>
              {disabled ? <span /> : (
                <RowActions
                  list="slot-fields"
                  index={i}
                  count={fields.length}
                  what={`field ${field.key || i + 1}`}
                  onMove={move}
                  onRemove={() => {
                    onChange(fields.filter((_, j) => j !== i));
                    focusItem("slot-fields", Math.max(0, i - 1), "remove");
                  }}
                  removeBlocked={fields.length === 1 ? "A slot needs at least one field" : null}
                />
              )}
            </div>
            {rowError ? (
              <p className="mt-1.5 text-xs font-medium text-red-600" data-testid="field-error">
                {rowError}
              </p>
            ) : null}
          </div>
        );
      })}
      {disabled ? null : (
        <Button variant="secondary" size="sm" onClick={add} disabled={fields.length >= 30} data-testid="add-field">
          <PlusIcon className="size-4" />
          Add field
        </Button>
      )}
      {!disabled ? <p className="text-xs text-slate-500">Alt + ↑ / ↓ moves the field you are in.</p> : null}
    </div>
  );
}
