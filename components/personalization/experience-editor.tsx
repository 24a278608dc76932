"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ExperienceResultsPanel } from "@/components/insights/experience-results-panel";
import { RelativeTime } from "@/components/relative-time";
import { keyFromName } from "@/components/segments/use-segment-draft";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import type { Catalog } from "@/lib/rules/catalog";
import { AudienceRules } from "./audience-rules";
import { draftFromExperience, newDraft, newVariant, segmentsUsed, stableJson, toBody, type ExperienceDraft, type VariantDraft } from "./experience-draft";
import { ExperienceDelivery, ExperienceDetails } from "./experience-settings";
import { ExperienceVersions } from "./experience-versions";
import { problemsOf } from "./problems";
import type { FieldProblem } from "@/components/api-client";
import { PublishPanel } from "./publish-panel";
import { StatusBadge } from "./status-badge";
import type { ExperienceDto, SlotDto } from "./types";
import { lastPublishKey, useDeleteExperience, useExperience, useExperienceVersions, usePublishExperience, useSaveExperience, useSetExperienceStatus, type LastPublish } from "./use-personalization-queries";
import { useUnsavedGuard } from "./use-unsaved-guard";
import { VariantPreview } from "./variant-preview";
import { VariantsEditor, variantKeyProblem } from "./variants-editor";

export interface ExperienceEditorProps {
  workspace: string;
  /** The saved experience; null for a new one. */
  experience: ExperienceDto | null;
  /** For a new experience: the slot from `?slot=`. */
  initialSlot?: string;
  slots: SlotDto[];
  /** The decision catalog: traits, events, segments and request-time context fields. */
  catalog: Catalog;
  canEdit: boolean;
  initialTab?: string;
}

const RESERVED = ["new", "slots"];

function experienceKeyProblem(key: string): string | null {
  if (!key) return "Give the experience a key";
  if (key.length > 64) return "Keep keys under 64 characters";
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) return "Use lowercase letters, digits, - and _ (like home-hero-by-interest)";
  if (RESERVED.includes(key)) return "This key is reserved; choose another";
  return null;
}

/** Problems the browser can see before asking the server, at the paths the API would use; any one blocks saving. */
function clientProblems(d: ExperienceDraft, isNew: boolean): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path: path.map(String), message });
  if (!d.name.trim()) add(["name"], "Give the experience a name");
  const keyIssue = isNew ? experienceKeyProblem(d.key) : null;
  if (keyIssue) add(["key"], keyIssue);
  if (!d.slot) add(["slot"], "Choose the slot this experience fills");
  const numbers: [keyof ExperienceDraft, string, number, number, string][] = [["priority", d.priority, 0, 1_000_000, "the priority"], ["holdoutPercent", d.holdoutPercent, 0, 100, "the holdout"]];
  if (d.capOn) numbers.push(["capMax", d.capMax, 1, 10_000, "the cap"]);
  for (const [field, text, min, max, what] of numbers) {
    const n = Number(text);
    if (text.trim() && (!Number.isInteger(n) || n < min || n > max)) add([field === "capMax" ? "frequencyCap" : field, ...(field === "capMax" ? ["max"] : [])], `Give ${what} as a whole number between ${min} and ${max}`);
  }
  if (d.suppressOn && !d.suppressEvent) add(["suppression", "event"], "Choose the event that stops the experience, or turn suppression off");
  const keys = d.variants.map((v) => v.key);
  d.variants.forEach((v, i) => {
    const problem = variantKeyProblem(v.key, keys.filter((_, j) => j !== i));
    if (problem) add(["variants", v.key], problem);
    if (!v.name.trim()) add(["variants", v.key, "name"], "Give the variant a name");
  });
  d.rules.forEach((r, i) => {
    if (r.kind === "segments" && r.segments.length === 0) add(["rules", i, "audience", "segments"], "Choose at least one segment, or switch the audience to a rule or everyone");
    if (!keys.includes(r.variant)) add(["rules", i, "variant"], "Choose the variant this audience sees");
  });
  if (!keys.includes(d.defaultVariant)) add(["defaultVariant"], "Choose the variant everyone else sees");
  return out;
}

function describeProblem(p: FieldProblem): string {
  const [head, index] = p.path;
  const where = head === "rules" ? `Rule ${Number(index) + 1}` : head === "variants" ? `Variant “${index}”` : null;
  return `${where ? `${where}: ` : ""}${p.message}.`;
}

/** /personalization/new and /personalization/[experience]: the whole experience, its preview, versions and results. */
export function ExperienceEditor({ workspace, experience: initial, initialSlot, slots, catalog, canEdit, initialTab }: ExperienceEditorProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const isNew = initial === null;
  // The page prefetched it; mutations update this cache entry, so the header and status follow.
  const fetched = useExperience(workspace, initial?.key ?? "", !isNew);
  const experience = isNew ? null : (fetched.data?.experience ?? initial);
  const [base, setBase] = useState<ExperienceDraft>(() => (experience ? draftFromExperience(experience) : newDraft(initialSlot && slots.some((s) => s.key === initialSlot) ? initialSlot : slots.length === 1 ? slots[0].key : "")));
  const [draft, setDraft] = useState(base);
  const [keyEdited, setKeyEdited] = useState(!isNew);
  const [attempted, setAttempted] = useState(false);
  const [selected, setSelected] = useState(() => base.variants[0]?.uid ?? "");
  const [previewErrors, setPreviewErrors] = useState<Record<string, string>>({});
  const [warnings, setWarnings] = useState<LastPublish | null>(() => (initial ? (queryClient.getQueryData<LastPublish>(lastPublishKey(workspace, initial.key)) ?? null) : null));
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    // Shown once: the result of the publish that created this page.
    if (initial) queryClient.removeQueries({ queryKey: lastPublishKey(workspace, initial.key), exact: true });
  }, [queryClient, workspace, initial]);

  const slot = slots.find((s) => s.key === draft.slot);
  const save = useSaveExperience(workspace, experience?.key ?? null);
  const publish = usePublishExperience(workspace, experience?.key ?? draft.key);
  const status = useSetExperienceStatus(workspace, experience?.key ?? draft.key);
  const versions = useExperienceVersions(workspace, experience?.key ?? "");

  const body = useMemo(() => toBody(draft, slot), [draft, slot]);
  const dirty = useMemo(() => stableJson(body) !== stableJson(toBody(base, slot)), [body, base, slot]);
  useUnsavedGuard(canEdit && dirty);

  const unpublished = useMemo(() => {
    const latest = versions.data?.data[0];
    if (!experience || !latest) return false;
    const { status: _s, version: _v, publishedAt: _p, createdAt: _c, updatedAt: _u, updatedBy: _b, ...config } = experience;
    return stableJson(config) !== stableJson(latest.snapshot);
  }, [versions.data, experience]);

  // An error describes the draft it was sent with; an edit makes it stale.
  const { reset: resetSave, isError: saveFailed } = save;
  const { reset: resetPublish, isError: publishFailed } = publish;
  useEffect(() => {
    if (saveFailed) resetSave();
    if (publishFailed) resetPublish();
  }, [draft]);

  const error = save.error ?? publish.error ?? status.error;
  const local = useMemo(() => (attempted ? clientProblems(draft, isNew) : []), [attempted, draft, isNew]);
  const problems = useMemo(() => [...problemsOf(save.error ?? publish.error), ...local], [save.error, publish.error, local]);
  const blocked = local.length ? `${describeProblem(local[0])}${local.length > 1 ? ` (and ${local.length - 1} more, marked below)` : ""}` : null;

  const set = useCallback(<K extends keyof ExperienceDraft>(field: K, value: ExperienceDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value, ...(field === "name" && !keyEdited && isNew ? { key: keyFromName(String(value)) } : {}) }));
    if (field === "key") setKeyEdited(true);
  }, [keyEdited, isNew]);

  function changeVariant(uid: string, patch: Partial<VariantDraft>) {
    setDraft((d) => {
      const before = d.variants.find((v) => v.uid === uid);
      const variants = d.variants.map((v) => (v.uid === uid ? { ...v, ...patch } : v));
      if (!before || patch.key === undefined || patch.key === before.key) return { ...d, variants };
      // A renamed key follows into the rules and the default that point at it.
      return { ...d, variants, rules: d.rules.map((r) => (r.variant === before.key ? { ...r, variant: patch.key! } : r)), defaultVariant: d.defaultVariant === before.key ? patch.key : d.defaultVariant };
    });
  }

  function usage(key: string): string | null {
    const rules = draft.rules.map((r, i) => (r.variant === key ? i + 1 : 0)).filter(Boolean);
    const parts = [...(draft.defaultVariant === key ? ["the default"] : []), ...(rules.length ? [`rule ${rules.join(", ")}`] : [])];
    return parts.length ? `Shown by ${parts.join(" and ")}; point ${parts.length > 1 ? "them" : "it"} at another variant to remove it.` : null;
  }

  const onSaved = (saved: ExperienceDto) => {
    const next = draftFromExperience(saved);
    // Keep the variant tab: uids are new after a reload from the server, keys are not.
    const selectedKey = draft.variants.find((v) => v.uid === selected)?.key;
    setBase(next);
    setDraft(next);
    setSelected(next.variants.find((v) => v.key === selectedKey)?.uid ?? next.variants[0]?.uid ?? "");
    setAttempted(false);
  };

  async function saveDraft(): Promise<ExperienceDto | null> {
    setAttempted(true);
    setWarnings(null);
    if (clientProblems(draft, isNew).length) return null;
    try {
      const { experience: saved } = await save.mutateAsync(body);
      onSaved(saved);
      return saved;
    } catch {
      return null;
    }
  }

  async function onSave() {
    const saved = await saveDraft();
    if (saved && isNew) router.replace(`/personalization/${encodeURIComponent(saved.key)}`);
  }

  async function onPublish() {
    setWarnings(null);
    let key = experience?.key ?? null;
    if (dirty || isNew) {
      const saved = await saveDraft();
      if (!saved) return;
      key = saved.key;
    }
    if (!key) return;
    try {
      const result = await publish.mutateAsync(undefined);
      onSaved(result.experience);
      setWarnings({ version: result.version, list: result.warnings });
      if (isNew) router.replace(`/personalization/${encodeURIComponent(result.experience.key)}`);
    } catch {
      // Shown by the panel from publish.error.
    }
  }

  const segmentChoices = useMemo(() => {
    const names = new Map((catalog.segments ?? []).map((s) => [s.key, s.name]));
    return segmentsUsed(draft).map((key) => ({ key, name: names.get(key) ?? key }));
  }, [draft, catalog]);
  const current = draft.variants.find((v) => v.uid === selected) ?? draft.variants[0];
  const onPreviewErrors = useCallback((errors: Record<string, string>) => setPreviewErrors(errors), []);
  const disabled = !canEdit;

  const editTab = (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0 space-y-6">
        <ExperienceDetails draft={draft} set={set} problems={problems} disabled={disabled} attempted={attempted} isNew={isNew} slots={slots} keyProblem={isNew && (attempted || draft.key) ? experienceKeyProblem(draft.key) : null} />
        <Card>
          <CardHeader title="Who sees what" description="Rules are tried top to bottom; the first whose audience matches the visitor decides the variant." />
          <CardBody>
            <AudienceRules
              rules={draft.rules}
              variants={draft.variants}
              defaultVariant={draft.defaultVariant}
              onRules={(rules) => set("rules", rules)}
              onDefault={(key) => set("defaultVariant", key)}
              catalog={catalog}
              problems={problems}
              disabled={disabled}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Variants" description={slot ? `Content for the ${slot.fields.length} fields of “${slot.name}”. The preview on the right follows the variant you edit.` : "Content for the slot's fields."} />
          <CardBody>
            <VariantsEditor
              variants={draft.variants}
              selected={current?.uid ?? ""}
              onSelect={setSelected}
              onChange={changeVariant}
              onAdd={() => {
                const v = newVariant(draft.variants);
                set("variants", [...draft.variants, v]);
                setSelected(v.uid);
              }}
              onRemove={(uid) => {
                const rest = draft.variants.filter((v) => v.uid !== uid);
                set("variants", rest);
                setSelected(rest[0]?.uid ?? "");
              }}
              usage={usage}
              defaultVariant={draft.defaultVariant}
              slot={slot}
              catalog={catalog}
              problems={problems}
              previewErrors={previewErrors}
              disabled={disabled}
            />
          </CardBody>
        </Card>
        <ExperienceDelivery draft={draft} set={set} problems={problems} disabled={disabled} attempted={attempted} catalog={catalog} />
      </div>
      <aside className="space-y-4 xl:sticky xl:top-6 xl:max-h-[calc(100dvh-3rem)] xl:overflow-y-auto" aria-label="Publish and preview">
        {canEdit ? (
          <PublishPanel
            experience={experience}
            dirty={dirty || isNew}
            unpublished={unpublished}
            blocked={blocked}
            saving={save.isPending}
            publishing={publish.isPending}
            changingStatus={status.isPending}
            error={error}
            warnings={warnings?.list ?? null}
            publishedVersion={warnings?.version ?? null}
            onSave={() => void onSave()}
            onPublish={() => void onPublish()}
            onStatus={(next) => status.mutate(next, { onSuccess: ({ experience: saved }) => { setBase(draftFromExperience(saved)); setWarnings(null); } })}
          />
        ) : null}
        {current ? <VariantPreview workspace={workspace} slot={slot} variantName={current.name || current.key} content={current.content} segments={segmentChoices} onErrors={onPreviewErrors} /> : null}
      </aside>
    </div>
  );

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/personalization" className="hover:text-slate-700">← Personalization</Link>}
        title={
          experience ? (
            <span className="flex flex-wrap items-center gap-2">
              <span data-testid="experience-title">{experience.name}</span>
              <StatusBadge status={experience.status} />
            </span>
          ) : (
            "New experience"
          )
        }
        description={
          experience ? (
            <>
              <code className="font-mono text-xs text-slate-600">{experience.key}</code> on{" "}
              <Link href={`/personalization/slots/${encodeURIComponent(experience.slot)}`} className="underline decoration-slate-300 hover:text-slate-700">
                {slot?.name ?? experience.slot}
              </Link>{" "}
              · changed <RelativeTime value={experience.updatedAt} /> by {experience.updatedBy || "unknown"}
            </>
          ) : (
            "Choose who sees which variant of a slot. Save it as a draft, check the preview, then publish."
          )
        }
        actions={
          canEdit && experience ? (
            <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(true)} data-testid="delete-experience">
              Delete
            </Button>
          ) : null
        }
      />
      {!canEdit ? (
        <Alert tone="info" className="mb-6" data-testid="view-only-note">
          You have view-only access: you can read this experience and preview its variants, but only editors can change or publish it.
        </Alert>
      ) : null}
      {slots.length === 0 && isNew ? (
        <Alert tone="warning" className="mb-6" title="No slots yet">
          An experience fills a slot. <Link href="/personalization/slots/new" className="font-medium underline">Create a slot</Link> first.
        </Alert>
      ) : null}
      {experience ? (
        <Tabs
          label="Experience sections"
          defaultValue={initialTab}
          syncWithUrl
          items={[
            { id: "edit", label: <span data-testid="tab-edit">{canEdit ? "Edit" : "Setup"}</span>, content: editTab },
            { id: "versions", label: <span data-testid="tab-versions">Versions</span>, content: <ExperienceVersions workspace={workspace} experienceKey={experience.key} currentVersion={experience.version} live={experience.status === "live"} /> },
            {
              id: "results",
              label: <span data-testid="tab-results">Results</span>,
              content: (
                <div className="space-y-4">
                  {experience.goalEvent ? null : (
                    <Alert tone="info">No goal event is set: impressions are counted, but nothing counts as a conversion. Choose one under Delivery.</Alert>
                  )}
                  <ExperienceResultsPanel workspace={workspace} experienceKey={experience.key} />
                </div>
              ),
            },
          ]}
        />
      ) : (
        editTab
      )}
      {experience && deleting ? <DeleteExperienceDialog workspace={workspace} experience={experience} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}

function DeleteExperienceDialog({ workspace, experience, onClose }: { workspace: string; experience: ExperienceDto; onClose: () => void }) {
  const router = useRouter();
  const remove = useDeleteExperience(workspace, experience.key);
  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!remove.isPending}
      title={`Delete “${experience.name}”?`}
      description={experience.status === "live" ? "It is live: visitors stop getting it at once and the slot falls back to the next live experience or nothing." : "The experience and its versions are deleted. Impressions and conversions stay for reporting."}
      data-testid="delete-experience-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => remove.mutate(undefined, { onSuccess: () => router.push("/personalization") })} pending={remove.isPending || remove.isSuccess} data-testid="confirm-delete-experience">
            Delete experience
          </Button>
        </>
      }
    >
      {remove.error ? <Alert tone="danger">{remove.error.message}</Alert> : null}
    </Dialog>
  );
}
