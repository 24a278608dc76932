"use client";

import { useMemo } from "react";
import type { FieldProblem } from "@/components/api-client";
import { segmentOptions } from "@/components/rules/catalog-options";
import { Picker } from "@/components/rules/picker";
import { RuleBuilder } from "@/components/rules/rule-builder";
import { placeProblems } from "@/components/rules/rule-problems";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import type { Catalog } from "@/lib/rules/catalog";
import { newRule, type AudienceKind, type RuleDraft, type VariantDraft } from "./experience-draft";
import { messageAt, messagesUnder, problemsUnder } from "./problems";
import { focusItem, moveItem, moveKeys, RowActions } from "./row-actions";

const KINDS: { kind: AudienceKind; label: string }[] = [
  { kind: "segments", label: "In segments" },
  { kind: "rule", label: "Matches a rule" },
  { kind: "everyone", label: "Everyone" },
];

export interface AudienceRulesProps {
  rules: RuleDraft[];
  variants: VariantDraft[];
  defaultVariant: string;
  onRules: (rules: RuleDraft[]) => void;
  onDefault: (key: string) => void;
  catalog: Catalog;
  problems: FieldProblem[];
  disabled: boolean;
}

/** The ordered audience → variant rules (first match wins) and the default for everyone else. */
export function AudienceRules({ rules, variants, defaultVariant, onRules, onDefault, catalog, problems, disabled }: AudienceRulesProps) {
  const setAt = (i: number, patch: Partial<RuleDraft>) => onRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (from: number, to: number) => onRules(moveItem(rules, from, to));
  const defaultError = messageAt(problems, ["defaultVariant"]);

  return (
    <div className="space-y-3">
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500" data-testid="no-rules">
          No rules: every visitor gets the default variant. Add a rule to show a variant to an audience: a segment, an inline rule, or everyone.
        </p>
      ) : null}
      <ol className="space-y-3" aria-label="Rules, first match wins">
        {rules.map((rule, i) => (
          <RuleCard
            key={rule.id}
            rule={rule}
            index={i}
            count={rules.length}
            variants={variants}
            catalog={catalog}
            problems={problemsUnder(problems, ["rules", i])}
            disabled={disabled}
            onChange={(patch) => setAt(i, patch)}
            onMove={move}
            onRemove={() => {
              onRules(rules.filter((_, j) => j !== i));
              focusItem("rules", Math.max(0, i - 1), "remove");
            }}
          />
        ))}
      </ol>
      {disabled ? null : (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            onRules([...rules, newRule(rules, variants.find((v) => v.key !== defaultVariant)?.key ?? variants[0]?.key ?? "")]);
            focusItem("rules", rules.length, "audience-kind");
          }}
          disabled={rules.length >= 50}
          data-testid="add-rule"
        >
          <PlusIcon className="size-4" />
          Add rule
        </Button>
      )}
      <div className={cn("flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3", defaultError && "border-red-200 bg-red-50/50")} data-testid="default-rule">
        <span className="text-sm font-medium text-slate-700">{rules.length ? "Everyone else" : "Every visitor"} sees</span>
        <div className="w-56">
          <Select value={defaultVariant} onChange={(e) => onDefault(e.target.value)} disabled={disabled} invalid={Boolean(defaultError)} aria-label="Default variant" data-testid="default-variant">
            {variants.some((v) => v.key === defaultVariant) ? null : <option value={defaultVariant}>{defaultVariant || "Choose a variant"}</option>}
            {variants.map((v) => (
              <option key={v.uid} value={v.key}>
                {v.name || v.key}
              </option>
            ))}
          </Select>
        </div>
        <span className="text-xs text-slate-500">The default is also what the holdout group and opted-out visitors see.</span>
        {defaultError ? <p className="w-full text-xs font-medium text-red-600">{defaultError}</p> : null}
      </div>
    </div>
  );
}

function RuleCard({ rule, index, count, variants, catalog, problems, disabled, onChange, onMove, onRemove }: {
  rule: RuleDraft;
  index: number;
  count: number;
  variants: VariantDraft[];
  catalog: Catalog;
  problems: FieldProblem[];
  disabled: boolean;
  onChange: (patch: Partial<RuleDraft>) => void;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const options = useMemo(() => segmentOptions(catalog), [catalog]);
  const names = useMemo(() => new Map((catalog.segments ?? []).map((s) => [s.key, s.name])), [catalog]);
  const placed = useMemo(() => placeProblems(problemsUnder(problems, ["audience"]).filter((p) => p.path[0] === "rule"), rule.rule), [problems, rule.rule]);
  const audienceError = messageAt(problems, ["audience"]) ?? messagesUnder(problems, ["audience", "segments"]);
  const variantError = messageAt(problems, ["variant"]);
  const idError = messageAt(problems, ["id"]);
  const anyError = problems.length > 0;

  return (
    <li
      className={cn("rounded-xl border bg-white shadow-xs", anyError ? "border-red-300" : "border-slate-200")}
      data-list="rules"
      data-index={index}
      data-testid="experience-rule"
      data-rule-id={rule.id}
      onKeyDown={disabled ? undefined : moveKeys(index, count, "rules", onMove)}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2.5">
        <span className="flex size-6 items-center justify-center rounded-full bg-accent-50 text-xs font-semibold text-accent-700" aria-label={`Rule ${index + 1}`}>
          {index + 1}
        </span>
        <span className="text-sm text-slate-600">{index === 0 ? "If the visitor is" : "Else, if the visitor is"}</span>
        <div role="radiogroup" aria-label={`Audience of rule ${index + 1}`} className="inline-flex rounded-md bg-slate-100 p-0.5">
          {KINDS.filter((k) => !disabled || k.kind === rule.kind).map((k) => (
            <button
              key={k.kind}
              type="button"
              role="radio"
              aria-checked={rule.kind === k.kind}
              disabled={disabled}
              onClick={() => onChange({ kind: k.kind })}
              data-action={rule.kind === k.kind ? "audience-kind" : undefined}
              className={cn("h-7 rounded px-2.5 text-xs font-semibold transition-colors", rule.kind === k.kind ? "bg-white text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-500 hover:text-slate-800")}
              data-testid={`audience-${k.kind}`}
            >
              {k.label}
            </button>
          ))}
        </div>
        <div className="ml-auto flex items-center gap-2">
          <code className="font-mono text-xs text-slate-400" title="Rule id, reported in decisions as metadata.rule">{rule.id}</code>
          {disabled ? null : <RowActions list="rules" index={index} count={count} what={`rule ${index + 1}`} onMove={onMove} onRemove={onRemove} />}
        </div>
      </div>
      <div className="space-y-2 px-4 py-3">
        {rule.kind === "segments" ? (
          <div className="flex flex-wrap items-center gap-1.5" data-testid="rule-segments">
            <span className="text-sm text-slate-600">a member of any of</span>
            {rule.segments.map((key, j) => (
              <span key={key} className={cn("inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium ring-1 ring-inset", names.has(key) ? "bg-accent-50 text-accent-700 ring-accent-600/20" : "bg-red-50 text-red-700 ring-red-600/30")} data-testid="segment-chip" data-key={key}>
                {names.get(key) ?? key}
                {disabled ? null : (
                  <button type="button" onClick={() => onChange({ segments: rule.segments.filter((_, k) => k !== j) })} aria-label={`Remove segment ${names.get(key) ?? key}`} className="rounded text-current opacity-60 hover:opacity-100">
                    ×
                  </button>
                )}
              </span>
            ))}
            {disabled ? null : (
              <Picker
                value={undefined}
                options={options.filter((o) => !rule.segments.includes(o.value))}
                onChange={(key) => onChange({ segments: [...rule.segments, key] })}
                label={`Add a segment to rule ${index + 1}`}
                placeholder={rule.segments.length ? "+ segment" : "Choose a segment"}
                searchPlaceholder="Search segments…"
                emptyText="No other segments"
                invalid={Boolean(audienceError)}
                data-testid="segment-picker"
              />
            )}
            {rule.segments.length === 0 && disabled ? <span className="text-sm text-slate-400">no segment chosen</span> : null}
          </div>
        ) : rule.kind === "rule" ? (
          <>
            <p className="text-xs text-slate-500">Evaluated in real time on the visitor’s traits, events and request context (context.page_url, context.utm_campaign…).</p>
            <RuleBuilder value={rule.rule} onChange={(next) => onChange({ rule: next })} catalog={catalog} disabled={disabled} problems={placed} />
            {placed.unplaced.length ? <Alert tone="danger">{placed.unplaced.map((p) => p.message).join(" ")}</Alert> : null}
          </>
        ) : (
          <p className="text-sm text-slate-600">anyone who reaches this rule. Rules below it are never used.</p>
        )}
        {audienceError ? <p className="text-xs font-medium text-red-600" data-testid="rule-error">{audienceError}</p> : null}
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2.5">
          <span className="text-sm font-medium text-slate-700">→ show</span>
          <div className="w-72 max-w-full">
            <Select value={rule.variant} onChange={(e) => onChange({ variant: e.target.value })} disabled={disabled} invalid={Boolean(variantError)} aria-label={`Variant of rule ${index + 1}`} data-testid="rule-variant">
              {variants.some((v) => v.key === rule.variant) ? null : <option value={rule.variant}>{rule.variant || "Choose a variant"}</option>}
              {variants.map((v) => (
                <option key={v.uid} value={v.key}>
                  {v.name || v.key}
                </option>
              ))}
            </Select>
          </div>
          {variantError ? <p className="text-xs font-medium text-red-600" data-testid="rule-error">{variantError}</p> : null}
        </div>
        {idError ? <p className="text-xs font-medium text-red-600" data-testid="rule-error">{idError}</p> : null}
      </div>
    </li>
  );
}
