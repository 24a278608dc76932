"use client";

import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmailPreview } from "./email-preview";
import type { PreviewExperience, PreviewSlot, PreviewVisitor } from "./types";

const REASONS: Record<string, { label: string; tone: BadgeTone }> = {
  TARGETING_MATCH: { label: "Rule matched", tone: "success" },
  DEFAULT: { label: "Default variant", tone: "neutral" },
  SPLIT: { label: "Holdout", tone: "warning" },
  DISABLED: { label: "Nothing live", tone: "neutral" },
  ERROR: { label: "Error: default served", tone: "danger" },
};

const OUTCOMES: Record<PreviewExperience["outcome"], string> = {
  matched: "decided: a rule matched",
  default: "decided: no rule matched, default variant",
  holdout: "decided: visitor is in the holdout (control) group",
  consent_opt_out: "decided: visitor opted out of personalization",
  suppressed: "skipped: suppressed",
  capped: "skipped: frequency cap reached",
  not_scheduled: "skipped: outside its schedule",
  not_reached: "not reached: an earlier experience decided",
};

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#34;": '"' };
/** Text fields arrive HTML-escaped where merge tags printed; show them as the visitor reads them. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#34);/g, (e) => ENTITIES[e]);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "no value";
  if (typeof value === "object" && value !== null && "matchingEventsLoaded" in value) {
    const n = Number((value as { matchingEventsLoaded: unknown }).matchingEventsLoaded);
    return `${n} such event${n === 1 ? "" : "s"} in the window`;
  }
  if (typeof value === "object" && value !== null && "member" in value) return (value as { member: unknown }).member ? "a member" : "not a member";
  return typeof value === "string" ? `“${value}”` : JSON.stringify(value);
}

function Check({ ok, children }: { ok: boolean | null; children: ReactNode }) {
  return (
    <li className="flex gap-2">
      <span aria-hidden="true" className={cn("mt-0.5 inline-block w-4 shrink-0 text-center font-bold", ok === true ? "text-emerald-600" : ok === false ? "text-red-600" : "text-slate-400")}>
        {ok === true ? "✓" : ok === false ? "✗" : "–"}
      </span>
      <span className="min-w-0">{children}</span>
    </li>
  );
}

function ExperienceExplanation({ e, visitor }: { e: PreviewExperience; visitor: PreviewVisitor }) {
  const optedOut = visitor.consent.personalization === false;
  return (
    <div className="rounded-lg border border-slate-200 p-3" data-testid={`preview-experience-${e.key}`}>
      <p className="text-sm">
        <span className="font-medium text-slate-900">{e.name}</span> <span className="text-slate-500">· {OUTCOMES[e.outcome]}</span>
      </p>
      {e.detail ? <p className="text-xs text-slate-500">{e.detail}</p> : null}
      <ul className="mt-2 space-y-1 text-xs text-slate-700">
        {optedOut ? <Check ok={false}>Consent: personalization opted out, so the default is served and nothing is recorded.</Check> : <Check ok>Consent: personalization allowed.</Check>}
        {e.holdout ? (
          <Check ok={!e.holdout.heldOut}>
            Holdout {e.holdout.percent}%: this visitor&apos;s bucket is {e.holdout.bucket} of 100, so {e.holdout.heldOut ? "they are in the control group and see the default" : "they are not held out"}.
          </Check>
        ) : null}
        {e.suppression ? (
          <Check ok={!e.suppression.happened}>
            Stops after {e.suppression.event}: {e.suppression.happened ? "it happened, so this experience is skipped" : "has not happened"}.
          </Check>
        ) : null}
        {e.frequencyCap ? (
          <Check ok={e.frequencyCap.seen < e.frequencyCap.max}>
            Cap: shown {e.frequencyCap.seen} of at most {e.frequencyCap.max} times per {e.frequencyCap.per}.
          </Check>
        ) : null}
      </ul>
      {e.rules.length > 0 ? (
        <ol className="mt-2 space-y-1.5 border-t border-slate-100 pt-2 text-xs text-slate-700">
          {e.rules.map((r, i) => (
            <li key={r.id} data-testid={`preview-rule-${r.id}`} data-matched={r.matched === null ? "skipped" : String(r.matched)}>
              <ul>
                <Check ok={r.matched}>
                  <span className="font-medium">Rule {i + 1}</span> → {r.variantName}: {r.audience}.{" "}
                  {r.matched === true ? <strong className="text-emerald-700">Matched.</strong> : r.matched === null ? <span className="text-slate-400">Not evaluated.</span> : null}
                  {r.missingSegments ? <span className="block text-red-700">Not a member of {r.missingSegments.map((s) => s.name).join(" or ")}.</span> : null}
                  {r.failed?.map((f) => (
                    <span key={f.path.join(".")} className="block text-red-700">
                      Failed: <code className="rounded bg-red-50 px-1">{f.condition}</code>; actual: {show(f.actual)}.
                    </span>
                  ))}
                </Check>
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">Default variant: {e.defaultVariant.name}</p>
    </div>
  );
}

function FieldValue({ type, value }: { type: string; value: unknown }) {
  if (value === undefined || value === null || value === "") return <span className="text-slate-400">empty</span>;
  if (type === "rich_text" && typeof value === "string") return <div className="prose-sm [&_p]:m-0" dangerouslySetInnerHTML={{ __html: value }} />; // sanitized by decide
  if (type === "image_url" && typeof value === "string") return <span className="font-mono text-xs break-all">{value}</span>;
  if (type === "product_list" && Array.isArray(value)) return <span>{value.length === 0 ? "no products" : value.map((p) => (p as { name?: string }).name ?? "?").join(", ")}</span>;
  return <span className="break-words">{typeof value === "string" ? decodeEntities(value) : JSON.stringify(value)}</span>;
}

/** One slot: what the visitor gets and every reason behind it. */
export function SlotCard({ slot, visitor, onPage, selected, onSelect }: { slot: PreviewSlot; visitor: PreviewVisitor; onPage: boolean; selected: boolean; onSelect: () => void }) {
  const reason = REASONS[slot.decision.reason] ?? { label: slot.decision.reason, tone: "neutral" as const };
  const experience = slot.experiences.find((e) => e.key === slot.decision.metadata.experience);
  const variantName = slot.decision.variant ? (experience?.rules.find((r) => r.variant === slot.decision.variant)?.variantName ?? (experience?.defaultVariant.key === slot.decision.variant ? experience.defaultVariant.name : slot.decision.variant)) : null;
  return (
    <section
      id={`preview-slot-${slot.key}`}
      aria-labelledby={`preview-slot-${slot.key}-title`}
      data-testid={`preview-slot-${slot.key}`}
      className={cn("rounded-xl border bg-white shadow-xs", selected ? "border-amber-400 ring-2 ring-amber-300" : "border-slate-200")}
    >
      <button type="button" onClick={onSelect} className="flex w-full flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3 text-left focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:outline-none">
        <h3 id={`preview-slot-${slot.key}-title`} className="text-sm font-semibold text-slate-900">{slot.name}</h3>
        <code className="text-xs text-slate-500">{slot.key}</code>
        {slot.channel === "email" ? <Badge tone="accent">email</Badge> : null}
        {onPage ? <Badge tone="accent">on this page</Badge> : null}
        <span className="ml-auto" data-testid={`preview-slot-${slot.key}-reason`}><Badge tone={reason.tone}>{reason.label}</Badge></span>
      </button>
      <div className="space-y-3 px-4 py-3">
        <p className="text-sm text-slate-700" data-testid={`preview-slot-${slot.key}-variant`}>
          {variantName ? <>Shows <strong>{variantName}</strong>{experience ? <> from <strong>{experience.name}</strong></> : null}.</> : <>Shows the page&apos;s own content: no live experience decided.</>}
        </p>
        {Object.keys(slot.decision.value).length > 0 ? (
          slot.channel === "email" ? (
            <EmailPreview value={slot.decision.value} />
          ) : (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg bg-slate-50 px-3 py-2 text-xs">
              {slot.fields.map((f) => (
                <div key={f.key} className="contents">
                  <dt className="font-medium text-slate-500">{f.label ?? f.key}</dt>
                  <dd className="min-w-0 text-slate-800"><FieldValue type={f.type} value={slot.decision.value[f.key]} /></dd>
                </div>
              ))}
            </dl>
          )
        ) : null}
        {slot.experiences.length === 0 ? <p className="text-xs text-slate-500">No live experience on this slot.</p> : slot.experiences.map((e) => <ExperienceExplanation key={e.key} e={e} visitor={visitor} />)}
      </div>
    </section>
  );
}
