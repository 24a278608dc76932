"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { XIcon } from "@/components/ui/icons";
import type { ComposedVisitorInput } from "./types";

type TraitType = "text" | "number" | "boolean";
interface TraitRow { key: string; value: string; type: TraitType }
type Unit = "minutes" | "hours" | "days";
interface EventRow { event: string; properties: string; ago: string; unit: Unit; times: string }

const UNIT_MS: Record<Unit, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Ready-made behaviour for the demo's stories (same event and property names as the seed). */
const PRESETS: { label: string; row: EventRow }[] = [
  { label: "Read 3 sports articles", row: { event: "Page Viewed", properties: '{"category": "sports"}', ago: "1", unit: "days", times: "3" } },
  { label: "Read 3 finance articles", row: { event: "Page Viewed", properties: '{"category": "finance"}', ago: "1", unit: "days", times: "3" } },
  { label: "Searched Hanoi flights", row: { event: "Flight Searched", properties: '{"destination": "Hanoi", "destination_country": "Vietnam"}', ago: "2", unit: "hours", times: "1" } },
  { label: "Booked a Vietnam flight", row: { event: "Flight Booked", properties: '{"destination": "Hanoi", "destination_country": "Vietnam"}', ago: "30", unit: "minutes", times: "1" } },
  { label: "Viewed a mutual fund", row: { event: "Product Viewed", properties: '{"product_type": "mutual_fund", "category": "finance"}', ago: "3", unit: "days", times: "1" } },
];

function traitValue(row: TraitRow): unknown {
  if (row.type === "number") return Number(row.value);
  if (row.type === "boolean") return row.value === "true";
  return row.value;
}

/** Builds the composed visitor; returns per-row problems instead when the form is not valid. */
function build(userId: string, anonymousId: string, optedOut: boolean, traits: TraitRow[], events: EventRow[]): { visitor?: ComposedVisitorInput; problems: string[] } {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  traits.forEach((t, i) => {
    if (!t.key.trim() && !t.value.trim()) return;
    if (!t.key.trim()) problems.push(`Trait ${i + 1}: give the trait's name.`);
    else if (t.type === "number" && (t.value.trim() === "" || !Number.isFinite(Number(t.value)))) problems.push(`Trait “${t.key}”: give a number, like 702.`);
    else out[t.key.trim()] = traitValue(t);
  });
  const now = Date.now();
  const list: NonNullable<ComposedVisitorInput["events"]> = [];
  events.forEach((e, i) => {
    if (!e.event.trim()) return;
    let properties: Record<string, unknown> = {};
    try {
      const parsed = e.properties.trim() ? JSON.parse(e.properties) : {};
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      properties = parsed;
    } catch {
      problems.push(`Event ${i + 1} (${e.event}): properties must be a JSON object, like {"category": "sports"}.`);
      return;
    }
    const ago = Number(e.ago);
    const times = Number(e.times);
    if (!Number.isFinite(ago) || ago < 0) return void problems.push(`Event ${i + 1} (${e.event}): “how long ago” must be 0 or more.`);
    if (!Number.isInteger(times) || times < 1 || times > 50) return void problems.push(`Event ${i + 1} (${e.event}): “times” must be a whole number from 1 to 50.`);
    // Repeats are spread a minute apart so each is its own event.
    for (let k = 0; k < times; k++) list.push({ event: e.event.trim(), properties, timestamp: new Date(now - ago * UNIT_MS[e.unit] - k * 60_000).toISOString() });
  });
  if (problems.length > 0) return { problems };
  return {
    problems,
    visitor: { userId: userId.trim() || null, anonymousId: anonymousId.trim() || "preview-visitor", traits: out, consent: optedOut ? { personalization: false } : {}, events: list },
  };
}

/** A hypothetical visitor: who they are, their traits, consent and recent events. Nothing is stored. */
export function ComposeVisitorForm({ onApply, serverError }: { onApply: (visitor: ComposedVisitorInput) => void; serverError: { message: string; details: { path: string[]; message: string }[] } | null }) {
  const [userId, setUserId] = useState("");
  const [anonymousId, setAnonymousId] = useState("preview-visitor");
  const [optedOut, setOptedOut] = useState(false);
  const [traits, setTraits] = useState<TraitRow[]>([{ key: "first_name", value: "Ana", type: "text" }]);
  const [events, setEvents] = useState<EventRow[]>([]);
  const [problems, setProblems] = useState<string[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = build(userId, anonymousId, optedOut, traits, events);
    setProblems(result.problems);
    if (result.visitor) onApply(result.visitor);
  }
  const setTrait = (i: number, patch: Partial<TraitRow>) => setTraits((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setEvent = (i: number, patch: Partial<EventRow>) => setEvents((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="compose-visitor" noValidate>
      <div className="grid grid-cols-2 gap-3">
        <label className="space-y-1 text-sm font-medium text-slate-700">
          User id <span className="font-normal text-slate-500">(empty: anonymous)</span>
          <Input value={userId} onChange={(e) => setUserId(e.target.value)} placeholder="user_123" />
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-700">
          Anonymous id
          <Input value={anonymousId} onChange={(e) => setAnonymousId(e.target.value)} />
        </label>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Traits</legend>
        {traits.map((t, i) => (
          <div key={i} className="flex gap-2">
            <div className="w-36 shrink-0"><Input aria-label={`Trait ${i + 1} name`} value={t.key} onChange={(e) => setTrait(i, { key: e.target.value })} placeholder="credit_score" /></div>
            <div className="w-28 shrink-0"><Select aria-label={`Trait ${i + 1} type`} value={t.type} onChange={(e) => setTrait(i, { type: e.target.value as TraitType, value: e.target.value === "boolean" ? "true" : t.value })}>
              <option value="text">text</option>
              <option value="number">number</option>
              <option value="boolean">yes/no</option>
            </Select></div>
            {t.type === "boolean" ? (
              <div className="min-w-0 flex-1"><Select aria-label={`Trait ${i + 1} value`} value={t.value} onChange={(e) => setTrait(i, { value: e.target.value })}>
                <option value="true">true</option>
                <option value="false">false</option>
              </Select></div>
            ) : (
              <div className="min-w-0 flex-1"><Input aria-label={`Trait ${i + 1} value`} value={t.value} onChange={(e) => setTrait(i, { value: e.target.value })} inputMode={t.type === "number" ? "decimal" : undefined} /></div>
            )}
            <Button variant="ghost" size="sm" aria-label={`Remove trait ${t.key || i + 1}`} onClick={() => setTraits((rows) => rows.filter((_, j) => j !== i))}>
              <XIcon className="size-4" />
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => setTraits((rows) => [...rows, { key: "", value: "", type: "text" }])}>Add trait</Button>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Recent events</legend>
        {events.map((e, i) => (
          <div key={i} className="space-y-1.5 rounded-lg border border-slate-200 p-2">
            <div className="flex gap-2">
              <div className="min-w-0 flex-1"><Input aria-label={`Event ${i + 1} name`} value={e.event} onChange={(x) => setEvent(i, { event: x.target.value })} placeholder="Page Viewed" /></div>
              <Button variant="ghost" size="sm" aria-label={`Remove event ${e.event || i + 1}`} onClick={() => setEvents((rows) => rows.filter((_, j) => j !== i))}>
                <XIcon className="size-4" />
              </Button>
            </div>
            <Input aria-label={`Event ${i + 1} properties (JSON)`} value={e.properties} onChange={(x) => setEvent(i, { properties: x.target.value })} placeholder='{"category": "sports"}' className="font-mono text-xs" />
            <div className="flex items-center gap-2 text-sm text-slate-600">
              <div className="w-16 shrink-0"><Input aria-label={`Event ${i + 1} times`} value={e.times} onChange={(x) => setEvent(i, { times: x.target.value })} inputMode="numeric" /></div> times,
              <div className="w-16 shrink-0"><Input aria-label={`Event ${i + 1} how long ago`} value={e.ago} onChange={(x) => setEvent(i, { ago: x.target.value })} inputMode="decimal" /></div>
              <div className="w-32 shrink-0"><Select aria-label={`Event ${i + 1} unit`} value={e.unit} onChange={(x) => setEvent(i, { unit: x.target.value as Unit })}>
                <option value="minutes">minutes</option>
                <option value="hours">hours</option>
                <option value="days">days</option>
              </Select></div>
              ago
            </div>
          </div>
        ))}
        <div className="flex flex-wrap gap-1.5">
          <Button variant="secondary" size="sm" onClick={() => setEvents((rows) => [...rows, { event: "", properties: "", ago: "1", unit: "hours", times: "1" }])}>Add event</Button>
          {PRESETS.map((p) => (
            <Button key={p.label} variant="ghost" size="sm" onClick={() => setEvents((rows) => [...rows, { ...p.row }])}>+ {p.label}</Button>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={optedOut} onChange={(e) => setOptedOut(e.target.checked)} className="size-4 rounded border-slate-300" />
        Opted out of personalization (consent)
      </label>
      {problems.length > 0 || serverError ? (
        <Alert tone="danger" title="Fix the visitor first" data-testid="compose-errors">
          <ul className="list-disc pl-4">
            {problems.map((p) => <li key={p}>{p}</li>)}
            {serverError ? (serverError.details.length ? serverError.details.map((d) => <li key={d.path.join(".") + d.message}>{d.path.join(" › ")}: {d.message}</li>) : <li>{serverError.message}</li>) : null}
          </ul>
        </Alert>
      ) : null}
      <Button type="submit" data-testid="compose-apply">Preview this visitor</Button>
    </form>
  );
}
