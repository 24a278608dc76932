"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useDebounced } from "@/components/use-debounced";
import { queryKeys } from "@/lib/query-keys";
import type { RenderPreviewResult, SlotDto, SlotField } from "./types";

/**
 * Text fields arrive as a site gets them: merge-tag output HTML-escaped, literal text as written.
 * Shown as the text a page would display, without letting markup in (an inert DOMParser document).
 */
function htmlToText(html: string): string {
  if (typeof DOMParser === "undefined") return html;
  return new DOMParser().parseFromString(html, "text/html").documentElement.textContent ?? "";
}

/** A text field named `<link>_label` is that link's button text, as on a page (`data-tailor-field="cta_label"` inside the `cta` link). */
function buttonLabelKeys(fields: SlotField[]): Set<string> {
  const links = new Set(fields.filter((f) => f.type === "link").map((f) => f.key));
  return new Set(fields.filter((f) => f.type === "text" && f.key.endsWith("_label") && links.has(f.key.slice(0, -"_label".length))).map((f) => f.key));
}

function RenderedValue({ field, value, first, buttonLabel }: { field: SlotField; value: unknown; first: boolean; buttonLabel?: unknown }) {
  if (value === undefined || value === null || value === "") return null;
  switch (field.type) {
    case "text":
      return first ? <h3 className="text-lg leading-snug font-semibold text-slate-900">{htmlToText(String(value))}</h3> : <p className="text-sm text-slate-700">{htmlToText(String(value))}</p>;
    case "rich_text":
      // Rendered and sanitized on the server (sanitize-html), exactly as a site receives it.
      return <div className="prose-sm space-y-2 text-sm text-slate-700 [&_a]:text-accent-700 [&_a]:underline [&_ul]:list-disc [&_ul]:pl-5" dangerouslySetInnerHTML={{ __html: String(value) }} />;
    case "image_url":
      // A plain <img>: customer-hosted images from any domain
      return <img src={String(value)} alt={field.label ?? field.key} className="max-h-40 w-full rounded-md border border-slate-200 bg-slate-100 object-cover" />;
    case "link":
      return (
        <a href={String(value)} target="_blank" rel="noreferrer noopener" className="inline-flex h-8 items-center rounded-md bg-accent-600 px-3 text-xs font-semibold text-white hover:bg-accent-700">
          {typeof buttonLabel === "string" && buttonLabel ? htmlToText(buttonLabel) : `${field.label ?? field.key} →`}
        </a>
      );
    case "product_list":
      return Array.isArray(value) ? (
        <ul className="grid grid-cols-2 gap-2">
          {value.map((item, i) => {
            const p = (item ?? {}) as Record<string, unknown>;
            return (
              <li key={i} className="rounded-md border border-slate-200 p-2 text-xs">
                {typeof p.image === "string" ? (
                  // A plain <img>: customer-hosted images
                  <img src={p.image} alt="" className="mb-1 h-14 w-full rounded object-cover" />
                ) : null}
                <span className="block truncate font-medium text-slate-800">{String(p.name ?? p.title ?? p.id ?? `Item ${i + 1}`)}</span>
                {p.price !== undefined ? <span className="text-slate-500">{String(p.price)}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <pre className="overflow-x-auto text-xs">{JSON.stringify(value, null, 2)}</pre>
      );
    default:
      return <pre className="text-xs">{JSON.stringify(value)}</pre>;
  }
}

export interface VariantPreviewProps {
  workspace: string;
  slot: SlotDto | undefined;
  variantName: string;
  content: Record<string, unknown>;
  /** Segments the rules use: offered as "a member of …" visitors. */
  segments: { key: string; name: string }[];
  /** Told the preview's problems by field key (shown on the fields). */
  onErrors: (errors: Record<string, string>) => void;
}

type VisitorChoice = { mode: "anonymous" } | { mode: "id"; id: string };

/** The selected variant rendered for a chosen visitor, through the same sandbox decisions use. */
export function VariantPreview({ workspace, slot, variantName, content, segments, onErrors }: VariantPreviewProps) {
  const id = useId();
  const [visitor, setVisitor] = useState<VisitorChoice>({ mode: "anonymous" });
  const [typed, setTyped] = useState("");
  const [memberOf, setMemberOf] = useState<string | null>(null);
  const [memberError, setMemberError] = useState<string | null>(null);
  const targetingKey = visitor.mode === "id" ? visitor.id.trim() : null;
  const input = useDebounced(JSON.stringify({ slot: slot?.key ?? "", content, targetingKey }), 300);

  const preview = useQuery({
    queryKey: queryKeys.variantPreview(workspace, input),
    queryFn: ({ signal }) => apiFetch<RenderPreviewResult>("/api/v1/personalization/render-preview", { method: "POST", body: JSON.parse(input), workspace, signal }),
    enabled: Boolean(slot),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const errors = preview.data?.errors;
  useEffect(() => {
    onErrors(Object.fromEntries((errors ?? []).filter((e) => e.path[0] === "content" && e.path[1]).map((e) => [e.path[1], e.message])));
  }, [errors, onErrors]);

  async function pickMember(segment: { key: string; name: string }) {
    setMemberError(null);
    try {
      const page = await apiFetch<{ data: { userId: string | null; id: string }[] }>(`/api/v1/segments/${encodeURIComponent(segment.key)}/members?limit=20`, { workspace });
      const member = page.data.find((m) => m.userId) ?? page.data[0];
      if (!member) {
        setMemberError(`“${segment.name}” has no members yet.`);
        return;
      }
      const key = member.userId ?? member.id;
      setTyped(key);
      setMemberOf(segment.name);
      setVisitor({ mode: "id", id: key });
    } catch (error) {
      setMemberError((error as Error).message);
    }
  }

  const data = preview.data;
  const stale = preview.isFetching || input !== JSON.stringify({ slot: slot?.key ?? "", content, targetingKey });
  const firstText = slot?.fields.find((f) => f.type === "text")?.key;
  const labelKeys = buttonLabelKeys(slot?.fields ?? []);

  return (
    <Card data-testid="variant-preview">
      <CardHeader
        title={<span>Preview · {variantName || "variant"}</span>}
        description="Rendered as the site would receive it, merge tags and all."
        actions={stale ? <Spinner className="size-4 text-slate-400" /> : null}
      />
      <div className="space-y-3 px-4 py-3">
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-slate-600">Render for</legend>
          <div className="flex flex-wrap gap-1.5">
            <button
              type="button"
              onClick={() => {
                setVisitor({ mode: "anonymous" });
                setMemberOf(null);
              }}
              aria-pressed={visitor.mode === "anonymous"}
              className={cn("h-7 rounded-md px-2.5 text-xs font-medium ring-1 ring-inset", visitor.mode === "anonymous" ? "bg-accent-50 text-accent-700 ring-accent-600/30" : "text-slate-600 ring-slate-300 hover:bg-slate-50")}
              data-testid="preview-anonymous"
            >
              Anonymous visitor
            </button>
            {segments.map((s) => (
              <button key={s.key} type="button" onClick={() => void pickMember(s)} className={cn("h-7 max-w-full truncate rounded-md px-2.5 text-xs font-medium ring-1 ring-inset", memberOf === s.name && visitor.mode === "id" ? "bg-accent-50 text-accent-700 ring-accent-600/30" : "text-slate-600 ring-slate-300 hover:bg-slate-50")} data-testid="preview-member-of" data-key={s.key}>
                A member of {s.name}
              </button>
            ))}
          </div>
          <form
            className="flex gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              setMemberOf(null);
              setVisitor(typed.trim() ? { mode: "id", id: typed.trim() } : { mode: "anonymous" });
            }}
          >
            <label htmlFor={`${id}-visitor`} className="sr-only">
              Visitor id
            </label>
            <Input id={`${id}-visitor`} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="userId or anonymousId, then Enter" className="h-8 font-mono text-xs" data-testid="preview-visitor" />
            <button type="submit" className="h-8 rounded-md px-2.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
              Use
            </button>
          </form>
          {memberError ? <p className="text-xs text-red-600">{memberError}</p> : null}
          {data ? (
            <p className="text-xs text-slate-500" data-testid="preview-visitor-summary">
              {data.visitor.targetingKey === null ? (
                "A first-time visitor with no traits or events: merge tags use their defaults."
              ) : data.visitor.found ? (
                <>
                  <span className="font-medium text-slate-700">{data.visitor.userId ?? data.visitor.targetingKey}</span>
                  {memberOf ? ` (a member of ${memberOf})` : null}
                  {typeof data.visitor.traits.first_name === "string" ? ` · first_name ${data.visitor.traits.first_name}` : null}
                  {data.visitor.personalizationOptOut ? <span className="block font-medium text-amber-700">Opted out of personalization: live decisions give them the default variant.</span> : null}
                </>
              ) : (
                <>No profile has the id “{data.visitor.targetingKey}”: rendered as a first-time visitor.</>
              )}
            </p>
          ) : null}
        </fieldset>

        {!slot ? (
          <p className="text-sm text-slate-500">Choose a slot first.</p>
        ) : preview.error ? (
          <Alert tone="danger" title="The preview could not be rendered">{preview.error.message}</Alert>
        ) : !data ? (
          <div className="h-32 animate-pulse rounded-lg bg-slate-100" />
        ) : (
          <>
            <div className={cn("space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-inner transition-opacity", stale && "opacity-60", slot.channel === "email" && "border-t-4 border-t-accent-600")} data-testid="preview-rendered" aria-live="polite">
              {Object.keys(data.values).length === 0 ? <p className="text-sm text-slate-400">Nothing to show yet: fill in the fields.</p> : null}
              {slot.fields
                .filter((f) => !labelKeys.has(f.key))
                .map((f) => (
                  <div key={f.key} data-testid="preview-field" data-field={f.key}>
                    <RenderedValue field={f} value={data.values[f.key]} first={f.key === firstText} buttonLabel={f.type === "link" ? data.values[`${f.key}_label`] : undefined} />
                  </div>
                ))}
            </div>
            {data.errors.length ? (
              <ul className="space-y-1 text-xs text-red-700" data-testid="preview-errors">
                {data.errors.map((e, i) => (
                  <li key={i}>
                    <code className="font-mono">{e.path.slice(1).join(".") || e.path.join(".")}</code>: {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
            <details className="text-xs text-slate-500">
              <summary className="cursor-pointer select-none">Values as JSON</summary>
              <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700" data-testid="preview-json">{JSON.stringify(data.values, null, 2)}</pre>
            </details>
          </>
        )}
      </div>
    </Card>
  );
}
