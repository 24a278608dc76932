"use client";

import { useState } from "react";
import { useProfileSearch } from "@/components/profiles/use-profile-queries";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { useDebounced } from "@/components/use-debounced";
import { ComposeVisitorForm } from "./compose-visitor-form";
import type { PersonaOption, SegmentOption, Subject } from "./types";

const MODES = [
  { id: "profile", label: "Real profile" },
  { id: "visitor", label: "Compose a visitor" },
  { id: "segment", label: "See as segment" },
] as const;

function ProfileSearch({ workspace, personas, current, onPick }: { workspace: string; personas: PersonaOption[]; current: string | null; onPick: (id: string) => void }) {
  const [q, setQ] = useState("");
  const settled = useDebounced(q.trim(), 250);
  const search = useProfileSearch(workspace, settled);
  const rows = settled ? (search.data?.pages[0]?.data ?? []).slice(0, 8) : [];
  return (
    <div className="space-y-3">
      <Field id="preview-profile-search" label="Find a profile" hint="A user id, anonymous id, email or any trait value.">
        <Input id="preview-profile-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="user_000002, olivia@…" autoComplete="off" data-testid="preview-profile-search" />
      </Field>
      {settled ? (
        <div aria-live="polite">
          {search.isFetching && rows.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-slate-500"><Spinner className="size-4" /> Searching…</p>
          ) : search.isError ? (
            <p className="text-sm text-red-600">{search.error.message}</p>
          ) : rows.length === 0 ? (
            <p className="text-sm text-slate-500">No profile matches “{settled}”.</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="preview-profile-results">
              {rows.map((p) => {
                const id = p.userId ?? p.anonymousIds[0] ?? p.id;
                const traits = p.traits as Record<string, unknown>;
                const name = [traits.first_name, traits.last_name].filter((x) => typeof x === "string").join(" ") || (typeof traits.email === "string" ? traits.email : "Anonymous visitor");
                return (
                  <li key={p.id}>
                    <button type="button" onClick={() => onPick(id)} className={cn("flex w-full flex-col items-start px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-accent-50 focus-visible:outline-none", current === id && "bg-accent-50")}>
                      <span className="font-medium text-slate-900">{name}</span>
                      <span className="font-mono text-xs text-slate-500">{id}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : personas.length > 0 ? (
        <div>
          <p className="mb-2 text-xs font-medium text-slate-500">Demo personas</p>
          <div className="flex flex-wrap gap-1.5">
            {personas.map((p) => (
              <button
                key={p.userId}
                type="button"
                onClick={() => onPick(p.userId)}
                aria-pressed={current === p.userId}
                data-testid={`preview-persona-${p.userId}`}
                className={cn("rounded-full border px-2.5 py-1 text-xs transition focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:outline-none", current === p.userId ? "border-accent-600 bg-accent-50 font-medium text-accent-700" : "border-slate-300 bg-white text-slate-700 hover:border-slate-400")}
                title={p.userId}
              >
                {p.label}
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function SegmentChoice({ segments, subject, onPick }: { segments: SegmentOption[]; subject: Subject; onPick: (key: string, member: number) => void }) {
  const key = subject.kind === "segment" ? subject.key : "";
  const member = subject.kind === "segment" ? subject.member : 0;
  if (segments.length === 0) return <p className="text-sm text-slate-500">This workspace has no segments yet.</p>;
  return (
    <div className="space-y-3">
      <Field id="preview-segment" label="Segment" hint="Shows what a member of the segment sees: known people first, the most recently seen first.">
        <Select id="preview-segment" value={key} onChange={(e) => e.target.value && onPick(e.target.value, 0)} data-testid="preview-segment">
          <option value="">Pick a segment…</option>
          {segments.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      {key ? (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={member === 0} onClick={() => onPick(key, member - 1)}>
            Previous member
          </Button>
          <Button size="sm" variant="secondary" onClick={() => onPick(key, member + 1)} data-testid="preview-next-member">
            Another member
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** Chooses whom to preview: a real profile, a composed visitor, or a typical member of a segment. */
export function SubjectPicker({ workspace, personas, segments, subject, onChange, serverError }: {
  workspace: string;
  personas: PersonaOption[];
  segments: SegmentOption[];
  subject: Subject;
  onChange: (subject: Subject) => void;
  serverError: { message: string; details: { path: string[]; message: string }[] } | null;
}) {
  const [mode, setMode] = useState<Subject["kind"]>(subject.kind);
  return (
    <div className="space-y-4">
      <div role="group" aria-label="Preview as" className="inline-flex rounded-lg bg-slate-100 p-1">
        {MODES.map((m) => (
          <button
            key={m.id}
            type="button"
            aria-pressed={mode === m.id}
            onClick={() => setMode(m.id)}
            data-testid={`preview-mode-${m.id}`}
            className={cn("rounded-md px-3 py-1.5 text-sm font-medium transition focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:outline-none", mode === m.id ? "bg-white text-slate-900 shadow-xs" : "text-slate-600 hover:text-slate-900")}
          >
            {m.label}
          </button>
        ))}
      </div>
      {mode === "profile" ? (
        <ProfileSearch workspace={workspace} personas={personas} current={subject.kind === "profile" ? subject.id : null} onPick={(id) => onChange({ kind: "profile", id })} />
      ) : mode === "segment" ? (
        <SegmentChoice segments={segments} subject={subject} onPick={(key, member) => onChange({ kind: "segment", key, member })} />
      ) : (
        <ComposeVisitorForm onApply={(visitor) => onChange({ kind: "visitor", visitor })} serverError={subject.kind === "visitor" ? serverError : null} />
      )}
    </div>
  );
}
