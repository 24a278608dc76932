"use client";

import { useId, useMemo } from "react";
import type { FieldProblem } from "@/components/api-client";
import { eventOptions } from "@/components/rules/catalog-options";
import { Picker } from "@/components/rules/picker";
import { newFilter, PropertyFilters, type FilterValue } from "@/components/rules/property-filters";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { indexCatalog, type Catalog } from "@/lib/rules/catalog";
import type { ExperienceDraft } from "./experience-draft";
import { messageAt, messagesUnder, problemsUnder } from "./problems";
import { describeSchedule, timeZones, wallClockToIso } from "./schedule";
import type { SlotDto } from "./types";

type Set = <K extends keyof ExperienceDraft>(field: K, value: ExperienceDraft[K]) => void;

export interface SettingsProps {
  draft: ExperienceDraft;
  set: Set;
  problems: FieldProblem[];
  disabled: boolean;
  attempted: boolean;
}

/** Whole numbers in a range; the message the API would give otherwise. */
function intProblem(text: string, min: number, max: number, what: string): string | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) return `Give ${what} as a whole number between ${min} and ${max}`;
  return null;
}

/** Name, key, slot and priority. */
export function ExperienceDetails({ draft, set, problems, disabled, attempted, isNew, slots, keyProblem }: SettingsProps & { isNew: boolean; slots: SlotDto[]; keyProblem: string | null }) {
  const id = useId();
  const e = {
    name: messageAt(problems, ["name"]) ?? (attempted && !draft.name.trim() ? "Give the experience a name" : null),
    key: messageAt(problems, ["key"]) ?? keyProblem,
    slot: messageAt(problems, ["slot"]) ?? (attempted && !draft.slot ? "Choose the slot this experience fills" : null),
    priority: messageAt(problems, ["priority"]) ?? intProblem(draft.priority, 0, 1_000_000, "the priority"),
  };
  return (
    <Card>
      <CardBody className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_8rem]">
        <Field id={`${id}-name`} label="Name" error={e.name}>
          <Input id={`${id}-name`} value={draft.name} onChange={(ev) => set("name", ev.target.value)} placeholder="e.g. Home hero by interest" maxLength={200} disabled={disabled} invalid={Boolean(e.name)} aria-describedby={describedBy(`${id}-name`, undefined, e.name)} data-testid="experience-name" />
        </Field>
        <Field id={`${id}-key`} label="Key" hint={isNew ? "Reported in decisions." : "Cannot change."} error={e.key}>
          <Input id={`${id}-key`} value={draft.key} onChange={(ev) => set("key", ev.target.value.toLowerCase())} placeholder="home-hero-by-interest" maxLength={64} readOnly={!isNew} disabled={disabled && isNew} invalid={Boolean(e.key)} aria-describedby={describedBy(`${id}-key`, "hint", e.key)} className="font-mono text-[13px] read-only:bg-slate-50 read-only:text-slate-600" data-testid="experience-key" />
        </Field>
        <Field id={`${id}-priority`} label="Priority" hint="Lower goes first." error={e.priority}>
          <Input id={`${id}-priority`} value={draft.priority} onChange={(ev) => set("priority", ev.target.value)} inputMode="numeric" disabled={disabled} invalid={Boolean(e.priority)} aria-describedby={describedBy(`${id}-priority`, "hint", e.priority)} className="tabular" data-testid="experience-priority" />
        </Field>
        <div className="sm:col-span-2">
          <Field id={`${id}-slot`} label="Slot" hint={isNew ? "Where it shows; sets the content fields." : "Cannot change once saved."} error={e.slot}>
            <Select id={`${id}-slot`} value={draft.slot} onChange={(ev) => set("slot", ev.target.value)} disabled={disabled || !isNew} invalid={Boolean(e.slot)} data-testid="experience-slot">
              {draft.slot && !slots.some((s) => s.key === draft.slot) ? <option value={draft.slot}>{draft.slot} (not found)</option> : null}
              {draft.slot ? null : <option value="">Choose a slot…</option>}
              {slots.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name} ({s.key})
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </CardBody>
    </Card>
  );
}

/** Schedule with time zone, holdout, frequency cap, suppression and the goal event. */
export function ExperienceDelivery({ draft, set, problems, disabled, catalog }: SettingsProps & { catalog: Catalog }) {
  const id = useId();
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(draft.timeZone) ? all : [draft.timeZone, ...all];
  }, [draft.timeZone]);
  const events = useMemo(() => eventOptions(catalog), [catalog]);
  const index = useMemo(() => indexCatalog(catalog), [catalog]);
  const suppressProps = index.events.get(draft.suppressEvent)?.event.properties ?? [];
  const startIso = wallClockToIso(draft.start, draft.timeZone);
  const endIso = wallClockToIso(draft.end, draft.timeZone);
  const e = {
    start: messageAt(problems, ["scheduleStart"]),
    end: messageAt(problems, ["scheduleEnd"]) ?? (startIso && endIso && startIso >= endIso ? "The schedule must end after it starts" : null),
    timeZone: messageAt(problems, ["timeZone"]),
    holdout: messageAt(problems, ["holdoutPercent"]) ?? intProblem(draft.holdoutPercent, 0, 100, "the holdout"),
    cap: messagesUnder(problems, ["frequencyCap"]) ?? (draft.capOn ? intProblem(draft.capMax, 1, 10_000, "the cap") : null),
    suppressEvent: messageAt(problems, ["suppression", "event"]) ?? messageAt(problems, ["suppression"]),
    goal: messageAt(problems, ["goalEvent"]),
  };
  const filterProblems = problemsUnder(problems, ["suppression", "filters"]).map((p) => ({ at: p.path, message: p.message }));

  return (
    <Card>
      <CardHeader title="Delivery" description="When it runs, who is held out to measure lift, how often one visitor sees it, and when it stops for them." />
      <CardBody className="space-y-5">
        <div className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)]">
          <Field id={`${id}-start`} label="Starts" hint="Empty: as soon as it is published." error={e.start}>
            <Input id={`${id}-start`} type="datetime-local" value={draft.start} onChange={(ev) => set("start", ev.target.value)} disabled={disabled} invalid={Boolean(e.start)} aria-describedby={describedBy(`${id}-start`, "hint", e.start)} data-testid="schedule-start" />
          </Field>
          <Field id={`${id}-end`} label="Ends" hint="Empty: runs until paused." error={e.end}>
            <Input id={`${id}-end`} type="datetime-local" value={draft.end} onChange={(ev) => set("end", ev.target.value)} disabled={disabled} invalid={Boolean(e.end)} aria-describedby={describedBy(`${id}-end`, "hint", e.end)} data-testid="schedule-end" />
          </Field>
          <Field id={`${id}-tz`} label="Time zone" hint="Start and end are in this zone." error={e.timeZone}>
            <Select id={`${id}-tz`} value={draft.timeZone} onChange={(ev) => set("timeZone", ev.target.value)} disabled={disabled} invalid={Boolean(e.timeZone)} data-testid="schedule-timezone">
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, " ")}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {draft.start || draft.end ? (
          <p className="-mt-2 text-xs text-slate-500" data-testid="schedule-summary">
            {startIso !== undefined && endIso !== undefined ? describeSchedule(startIso, endIso, draft.timeZone) : "Give a complete date and time."}
            {startIso ? ` · starts ${new Date(startIso).toISOString().replace(".000Z", "Z")}` : ""}
          </p>
        ) : null}

        <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
          <Field id={`${id}-holdout`} label="Holdout" hint="This share of visitors always gets the default, to measure lift. Sticky per visitor." error={e.holdout}>
            <div className="flex items-center gap-2">
              <div className="w-20">
                <Input id={`${id}-holdout`} value={draft.holdoutPercent} onChange={(ev) => set("holdoutPercent", ev.target.value)} inputMode="numeric" disabled={disabled} invalid={Boolean(e.holdout)} aria-describedby={describedBy(`${id}-holdout`, "hint", e.holdout)} className="tabular" data-testid="holdout-percent" />
              </div>
              <span className="text-sm text-slate-600">% of visitors</span>
            </div>
          </Field>
          <div className="space-y-1.5">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input type="checkbox" checked={draft.capOn} onChange={(ev) => set("capOn", ev.target.checked)} disabled={disabled} className="size-4 rounded border-slate-300 accent-accent-600" data-testid="cap-enabled" />
              Frequency cap
            </label>
            {draft.capOn ? (
              <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                at most
                <div className="w-20">
                  <Input value={draft.capMax} onChange={(ev) => set("capMax", ev.target.value)} inputMode="numeric" disabled={disabled} invalid={Boolean(e.cap)} aria-label="Most impressions per visitor" className="tabular" data-testid="cap-max" />
                </div>
                times per visitor per
                <div className="w-28">
                  <Select value={draft.capPer} onChange={(ev) => set("capPer", ev.target.value as "day" | "week")} disabled={disabled} aria-label="Cap period" data-testid="cap-per">
                    <option value="day">day</option>
                    <option value="week">week</option>
                  </Select>
                </div>
              </div>
            ) : (
              <p className="text-xs text-slate-500">Off: shown on every visit.</p>
            )}
            {e.cap ? <p className="text-xs font-medium text-red-600">{e.cap}</p> : null}
          </div>
        </div>

        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" checked={draft.suppressOn} onChange={(ev) => set("suppressOn", ev.target.checked)} disabled={disabled} className="size-4 rounded border-slate-300 accent-accent-600" data-testid="suppress-enabled" />
            Stop showing it after an event
          </label>
          {draft.suppressOn ? (
            <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50/60 p-3">
              <div className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
                once the visitor did
                <Picker
                  value={draft.suppressEvent || undefined}
                  options={events}
                  onChange={(event) => {
                    set("suppressEvent", event);
                    set("suppressFilters", []);
                  }}
                  label="Suppression event"
                  placeholder="Choose an event"
                  searchPlaceholder="Search events…"
                  invalid={Boolean(e.suppressEvent)}
                  disabled={disabled}
                  data-testid="suppression-event"
                />
                <span className="text-xs text-slate-500">e.g. Flight Booked, so a travel offer stops after the booking</span>
              </div>
              <PropertyFilters
                filters={draft.suppressFilters as FilterValue[]}
                properties={suppressProps}
                onChange={(filters) => set("suppressFilters", filters)}
                problems={filterProblems}
                disabled={disabled}
              />
              {!disabled && draft.suppressEvent && suppressProps.length > 0 ? (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    const f = newFilter(suppressProps);
                    if (f) set("suppressFilters", [...draft.suppressFilters, f]);
                  }}
                  data-testid="add-suppression-filter"
                >
                  + Where…
                </Button>
              ) : null}
              {e.suppressEvent ? <p className="text-xs font-medium text-red-600">{e.suppressEvent}</p> : null}
            </div>
          ) : null}
        </div>

        <Field id={`${id}-goal`} label="Goal event" hint="A conversion: this event after an impression counts for the variant shown (results tab)." error={e.goal}>
          <div className="flex items-center gap-2">
            <Picker value={draft.goalEvent || undefined} options={events} onChange={(event) => set("goalEvent", event)} label="Goal event" placeholder="No goal" searchPlaceholder="Search events…" invalid={Boolean(e.goal)} disabled={disabled} data-testid="goal-event" />
            {draft.goalEvent && !disabled ? (
              <Button variant="ghost" size="sm" onClick={() => set("goalEvent", "")}>
                Clear
              </Button>
            ) : null}
          </div>
        </Field>
      </CardBody>
    </Card>
  );
}
