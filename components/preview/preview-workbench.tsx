"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiRequestError } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useDebounced } from "@/components/use-debounced";
import { SiteFrame, type FramePage } from "./site-frame";
import { SlotCard } from "./slot-card";
import { SubjectPicker } from "./subject-picker";
import { DEMO_PAGES, previewBody, type PersonaOption, type PreviewVisitor, type SegmentOption, type Subject } from "./types";
import { usePreview } from "./use-preview";

const CONTEXT_FIELDS = [
  { key: "utm_source", label: "utm_source", placeholder: "newsletter" },
  { key: "utm_medium", label: "utm_medium", placeholder: "email" },
  { key: "utm_campaign", label: "utm_campaign", placeholder: "vietnam-getaway" },
  { key: "referrer", label: "referrer", placeholder: "https://www.google.com/" },
] as const;

function Who({ visitor }: { visitor: PreviewVisitor }) {
  const title = visitor.name ?? (visitor.userId ? visitor.userId : "Anonymous visitor");
  return (
    <div className="space-y-2 text-sm" data-testid="preview-who">
      <p>
        <span className="font-semibold text-slate-900">{title}</span>{" "}
        <span className="text-slate-500">
          {visitor.kind === "visitor" ? "(composed, hypothetical)" : visitor.kind === "segment" && visitor.segment ? `(member ${visitor.segment.index + 1} of ${visitor.segment.members.toLocaleString("en-US")} in ${visitor.segment.name})` : "(real profile)"}
        </span>
      </p>
      <p className="font-mono text-xs text-slate-500">
        targeting key {visitor.targetingKey}
        {visitor.email ? ` · ${visitor.email}` : ""}
      </p>
      <p className="text-xs text-slate-600">Consent: {visitor.consent.personalization === false ? <Badge tone="warning">personalization opted out</Badge> : "personalization allowed"}</p>
      <div className="flex flex-wrap gap-1">
        <span className="text-xs text-slate-600">Segments:</span>
        {visitor.segments.length === 0 ? <span className="text-xs text-slate-500">none</span> : visitor.segments.map((s) => <Badge key={s.key} tone={s.how === "assumed" ? "warning" : "accent"}>{s.name}{s.how === "computed" ? " (computed)" : s.how === "assumed" ? " (assumed)" : ""}</Badge>)}
      </div>
    </div>
  );
}

/** Preview as a visitor: pick whom, see the site and every slot as they would, with the reasons. */
export function PreviewWorkbench({ workspace, isDemo, personas, segments, initialSubject }: { workspace: string; isDemo: boolean; personas: PersonaOption[]; segments: SegmentOption[]; initialSubject: Subject }) {
  const [subject, setSubject] = useState<Subject>(initialSubject);
  const [context, setContext] = useState<Record<string, string>>({ utm_source: "", utm_medium: "", utm_campaign: "", referrer: "", device: "" });
  const settled = useDebounced(context, 400);
  const [framePath, setFramePath] = useState<string>(DEMO_PAGES[0].path);
  const [page, setPage] = useState<FramePage | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const body = useMemo(() => previewBody(subject, { ...settled, ...(page ? { page_url: page.url, path: page.path } : {}) }), [subject, settled, page]);
  const preview = usePreview(workspace, body);
  // After a failed request the last answer is someone else's: show none rather than a stale one.
  const data = preview.isError ? undefined : preview.data;
  const error = preview.error instanceof ApiRequestError ? preview.error : preview.error ? new ApiRequestError(0, preview.error.message, null, []) : null;

  // Shareable address: ?profile= or ?segment= (composed visitors live only on the page).
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.delete("profile");
    url.searchParams.delete("segment");
    if (subject.kind === "profile") url.searchParams.set("profile", subject.id);
    if (subject.kind === "segment") url.searchParams.set("segment", subject.key);
    window.history.replaceState(window.history.state, "", url);
  }, [subject]);

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 3000);
    return () => clearTimeout(timer);
  }, [note]);

  const select = useCallback((slot: string) => {
    setSelected(slot);
    document.getElementById(`preview-slot-${slot}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, []);
  const frameSlots = data && page && data.context.page_url === page.url ? data.slots : null;
  const onPageKeys = new Set(isDemo ? (page?.slots ?? []) : []);
  const ordered = data ? [...data.slots].sort((a, b) => Number(onPageKeys.has(b.key)) - Number(onPageKeys.has(a.key))) : [];

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader title="Preview as" description="A real person, someone you make up, or a typical member of a segment." />
          <CardBody>
            <SubjectPicker workspace={workspace} personas={personas} segments={segments} subject={subject} onChange={setSubject} serverError={error && subject.kind === "visitor" ? { message: error.message, details: error.details } : null} />
          </CardBody>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Who this is" actions={preview.isFetching ? <Spinner className="size-4" /> : null} />
            <CardBody>
              {data ? <Who visitor={data.visitor} /> : error ? <p className="text-sm text-slate-500">Nobody yet: see the message below.</p> : <Skeleton className="h-20 w-full" />}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Request context" description="Facts the site sends with each decision. The page URL comes from the page shown below." />
            <CardBody className="grid grid-cols-2 gap-3">
              {CONTEXT_FIELDS.map((f) => (
                <label key={f.key} className="space-y-1 text-xs font-medium text-slate-600">
                  <span className="font-mono">{f.label}</span>
                  <Input value={context[f.key]} placeholder={f.placeholder} onChange={(e) => setContext((c) => ({ ...c, [f.key]: e.target.value }))} data-testid={`preview-context-${f.key}`} />
                </label>
              ))}
              <label className="space-y-1 text-xs font-medium text-slate-600">
                <span className="font-mono">device</span>
                <Select value={context.device} onChange={(e) => setContext((c) => ({ ...c, device: e.target.value }))}>
                  <option value="">as last seen</option>
                  <option value="desktop">desktop</option>
                  <option value="mobile">mobile</option>
                  <option value="tablet">tablet</option>
                </Select>
              </label>
              <p className="self-end text-xs text-slate-500">page_url: <span className="font-mono break-all">{page?.url ?? "—"}</span></p>
            </CardBody>
          </Card>
        </div>
      </div>

      {error && subject.kind !== "visitor" ? <Alert tone="danger" title="No preview" data-testid="preview-error">{error.message}</Alert> : null}

      <div className={cn("grid gap-6", isDemo && "xl:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]")}>
        {isDemo ? (
          <Card className="self-start xl:sticky xl:top-4">
            <div className="flex flex-wrap items-center gap-1 border-b border-slate-100 px-3 py-2" role="toolbar" aria-label="Demo site page">
              {DEMO_PAGES.map((p) => (
                <button key={p.path} type="button" aria-pressed={framePath === p.path} onClick={() => { setFramePath(p.path); setPage(null); }} className={cn("rounded-md px-2.5 py-1 text-sm focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:outline-none", framePath === p.path ? "bg-accent-50 font-medium text-accent-700" : "text-slate-600 hover:bg-slate-50")}>
                  {p.label}
                </button>
              ))}
              <span className="ml-auto text-xs text-slate-500" role="status">{note ?? (frameSlots ? "Decided for this visitor" : error ? "No decision" : "Deciding…")}</span>
            </div>
            <SiteFrame key={framePath} src={`${framePath}?tailor_preview=1`} slots={frameSlots} onPage={setPage} onSelect={select} onEvent={setNote} selected={selected} />
          </Card>
        ) : (
          <Alert tone="info">The demo site belongs to the demo workspace. Here every slot of this workspace is shown as a card; to see your own site, add <code>?tailor_preview=1</code> to a page that loads tailor.js inside Tailor&apos;s preview frame (see docs/website.md).</Alert>
        )}
        <div className="space-y-4" data-testid="preview-slots">
          {data ? (
            ordered.length === 0 ? (
              <Alert tone="info">This workspace has no slots yet. Create one under Personalization.</Alert>
            ) : (
              ordered.map((slot) => <SlotCard key={slot.key} slot={slot} visitor={data.visitor} onPage={onPageKeys.has(slot.key)} selected={selected === slot.key} onSelect={() => select(slot.key)} />)
            )
          ) : !error ? (
            <>
              <Skeleton className="h-40 w-full" />
              <Skeleton className="h-40 w-full" />
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
