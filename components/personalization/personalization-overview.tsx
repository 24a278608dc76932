"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PlusIcon, SparklesIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { describeSchedule, schedulePhase } from "./schedule";
import { StatusBadge } from "./status-badge";
import { FIELD_TYPE_LABELS, type ExperienceDto, type ExperienceStatus, type SlotDto } from "./types";
import { useExperiences, useSlots } from "./use-personalization-queries";

const SLOT_EXPLAINED =
  "A slot is a place on your site or in an email (a home page hero, an article rail, an email header) with a content schema: the fields every variant fills in.";
const EXPERIENCE_EXPLAINED =
  "An experience decides what a slot shows to each visitor: ordered audience → variant rules where the first match wins, a default for everyone else, a schedule, a holdout to measure lift, and caps.";

/** /personalization: experiences and slots, searchable, with the way to create both (editors only). */
export function PersonalizationOverview({ workspace, canEdit }: { workspace: string; canEdit: boolean }) {
  const slots = useSlots(workspace);
  const experiences = useExperiences(workspace);
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<"" | ExperienceStatus>("");
  const [slot, setSlot] = useState("");

  const slotList = useMemo(() => slots.data?.data ?? [], [slots.data]);
  const all = useMemo(() => experiences.data?.data ?? [], [experiences.data]);
  const needle = q.trim().toLowerCase();
  const shown = all.filter(
    (e) => (!status || e.status === status) && (!slot || e.slot === slot) && (!needle || `${e.name} ${e.key} ${e.slot}`.toLowerCase().includes(needle)),
  );
  const shownSlots = slotList.filter((s) => (!slot || s.key === slot) && (!needle || `${s.name} ${s.key} ${s.fields.map((f) => f.key).join(" ")}`.toLowerCase().includes(needle)));
  const perSlot = useMemo(() => {
    const map = new Map<string, { total: number; live: number }>();
    for (const e of all) {
      const c = map.get(e.slot) ?? { total: 0, live: 0 };
      c.total += 1;
      if (e.status === "live") c.live += 1;
      map.set(e.slot, c);
    }
    return map;
  }, [all]);
  const filtered = Boolean(needle || status || slot);

  const newSlot = canEdit ? (
    <Link href="/personalization/slots/new" className={buttonClasses(slotList.length ? "secondary" : "primary")} data-testid="new-slot">
      <PlusIcon className="size-4" />
      New slot
    </Link>
  ) : null;
  const newExperience = canEdit && slotList.length > 0 ? (
    <Link href={`/personalization/new${slot ? `?slot=${encodeURIComponent(slot)}` : ""}`} className={buttonClasses("primary")} data-testid="new-experience">
      <PlusIcon className="size-4" />
      New experience
    </Link>
  ) : null;

  const error = slots.error ?? experiences.error;
  if (error) return <Alert tone="danger" title="Personalization could not be loaded">{error.message}</Alert>;
  if (slots.isPending || experiences.isPending) return <Skeleton className="h-80 w-full" />;

  if (slotList.length === 0) {
    return (
      <EmptyState
        icon={<SparklesIcon />}
        title="No slots yet"
        description={
          <>
            <p>{SLOT_EXPLAINED}</p>
            <p className="mt-2">{EXPERIENCE_EXPLAINED} Start with a slot, then add experiences to it.</p>
            {canEdit ? null : <p className="mt-2 font-medium">You have view-only access: an editor can create them.</p>}
          </>
        }
        action={newSlot}
        data-testid="personalization-empty"
      />
    );
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <div className="w-full max-w-xs">
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search name, key, field" aria-label="Search experiences and slots" data-testid="personalization-search" />
        </div>
        <div className="w-40">
          <Select value={status} onChange={(e) => setStatus(e.target.value as "" | ExperienceStatus)} aria-label="Filter by status" data-testid="status-filter">
            <option value="">All statuses</option>
            <option value="live">Live</option>
            <option value="draft">Draft</option>
            <option value="paused">Paused</option>
          </Select>
        </div>
        <div className="w-52">
          <Select value={slot} onChange={(e) => setSlot(e.target.value)} aria-label="Filter by slot" data-testid="slot-filter">
            <option value="">All slots</option>
            {slotList.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="ml-auto flex items-center gap-2">
          {newSlot}
          {newExperience}
        </div>
      </div>

      <Card>
        <CardHeader title="Experiences" description="What each slot shows to whom. Visitors get the published version of live experiences; lower priority numbers are tried first." />
        {shown.length === 0 ? (
          <div className="p-5">
            {filtered && all.length > 0 ? (
              <EmptyState
                title="No experiences match"
                description="Try another search, status or slot."
                action={
                  <button type="button" className={buttonClasses("secondary")} onClick={() => { setQ(""); setStatus(""); setSlot(""); }}>
                    Clear filters
                  </button>
                }
                data-testid="experiences-no-match"
              />
            ) : (
              <EmptyState icon={<SparklesIcon />} title="No experiences yet" description={EXPERIENCE_EXPLAINED} action={newExperience} data-testid="experiences-empty" />
            )}
          </div>
        ) : (
          <ExperiencesTable experiences={shown} slots={slotList} />
        )}
      </Card>

      <Card>
        <CardHeader title="Slots" description={SLOT_EXPLAINED} />
        {shownSlots.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-500" data-testid="slots-no-match">No slots match the search.</p>
        ) : (
          <Table data-testid="slots-table">
            <THead>
              <tr>
                <TH>Slot</TH>
                <TH>Channel</TH>
                <TH>Fields</TH>
                <TH>Experiences</TH>
                <TH>Last change</TH>
              </tr>
            </THead>
            <TBody>
              {shownSlots.map((s) => {
                const counts = perSlot.get(s.key);
                return (
                  <TR key={s.key} data-testid="slot-row" data-key={s.key}>
                    <TD>
                      <Link href={`/personalization/slots/${encodeURIComponent(s.key)}`} className="font-medium text-slate-900 hover:text-accent-700 hover:underline">
                        {s.name}
                      </Link>
                      <code className="block font-mono text-xs text-slate-500">{s.key}</code>
                    </TD>
                    <TD>
                      <Badge>{s.channel === "email" ? "Email" : "Web"}</Badge>
                    </TD>
                    <TD>
                      <div className="flex max-w-md flex-wrap gap-1">
                        {s.fields.map((f) => (
                          <span key={f.key} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" title={`${f.label ?? f.key}: ${FIELD_TYPE_LABELS[f.type] ?? f.type}${f.required ? ", required" : ""}`}>
                            <code className="font-mono">{f.key}</code>
                            <span className="text-slate-400"> · {FIELD_TYPE_LABELS[f.type] ?? f.type}</span>
                            {f.required ? <span className="text-red-500" aria-label="required">*</span> : null}
                          </span>
                        ))}
                      </div>
                    </TD>
                    <TD className="whitespace-nowrap" data-testid="slot-experience-count">
                      {counts ? (
                        <>
                          <span className="tabular font-medium text-slate-900">{counts.total}</span>
                          <span className="text-xs text-slate-500"> ({counts.live} live)</span>
                        </>
                      ) : (
                        <span className="text-slate-400">none</span>
                      )}
                    </TD>
                    <TD className="whitespace-nowrap">
                      <RelativeTime value={s.updatedAt} className="text-slate-700" />
                      <span className="block max-w-48 truncate text-xs text-slate-400">{s.updatedBy}</span>
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}

function ExperiencesTable({ experiences, slots }: { experiences: ExperienceDto[]; slots: SlotDto[] }) {
  const slotNames = new Map(slots.map((s) => [s.key, s.name]));
  return (
    <Table data-testid="experiences-table">
      <THead>
        <tr>
          <TH>Experience</TH>
          <TH>Slot</TH>
          <TH>Status</TH>
          <TH className="text-right">Priority</TH>
          <TH>Schedule</TH>
          <TH className="text-right">Holdout</TH>
          <TH>Last published</TH>
        </tr>
      </THead>
      <TBody>
        {experiences.map((e) => {
          const phase = schedulePhase(e.scheduleStart, e.scheduleEnd);
          return (
            <TR key={e.key} data-testid="experience-row" data-key={e.key}>
              <TD className="max-w-72">
                <Link href={`/personalization/${encodeURIComponent(e.key)}`} className="font-medium text-slate-900 hover:text-accent-700 hover:underline">
                  {e.name}
                </Link>
                <p className="truncate text-xs text-slate-500">
                  <code className="font-mono">{e.key}</code> · {e.rules.length} {e.rules.length === 1 ? "rule" : "rules"} · {Object.keys(e.variants).length} {Object.keys(e.variants).length === 1 ? "variant" : "variants"}
                </p>
              </TD>
              <TD>
                <span className="text-slate-700">{slotNames.get(e.slot) ?? e.slot}</span>
                <code className="block font-mono text-xs text-slate-400">{e.slot}</code>
              </TD>
              <TD>
                <StatusBadge status={e.status} />
              </TD>
              <TD className="tabular text-right">{e.priority}</TD>
              <TD className="max-w-64 text-xs">
                <span className="text-slate-700">{describeSchedule(e.scheduleStart, e.scheduleEnd, e.timeZone)}</span>
                {phase !== "running" ? <span className="block font-medium text-amber-700">{phase === "upcoming" ? "Not started yet" : "Ended"}</span> : null}
              </TD>
              <TD className="tabular text-right">{e.holdoutPercent ? `${e.holdoutPercent}%` : "—"}</TD>
              <TD className="whitespace-nowrap">
                {e.publishedAt ? (
                  <>
                    <RelativeTime value={e.publishedAt} className="text-slate-700" />
                    <span className="block text-xs text-slate-400">v{e.version}</span>
                  </>
                ) : (
                  <span className="text-slate-400">never</span>
                )}
                <span className="block max-w-48 truncate text-xs text-slate-400" title="Last change by">
                  {e.updatedBy}
                </span>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
