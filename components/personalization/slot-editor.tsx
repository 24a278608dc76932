"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState } from "react";
import { ApiRequestError } from "@/components/api-client";
import { RelativeTime } from "@/components/relative-time";
import { keyFromName } from "@/components/segments/use-segment-draft";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { messageAt, problemsOf } from "./problems";
import { fieldKeyProblem, SlotFieldsEditor, type FieldDraft } from "./slot-fields-editor";
import { StatusBadge } from "./status-badge";
import type { Channel, ExperienceDto, SlotDto } from "./types";
import { useDeleteSlot, useExperiences, useSaveSlot, type SlotInput } from "./use-personalization-queries";
import { useUnsavedGuard } from "./use-unsaved-guard";

interface SlotDraft {
  key: string;
  name: string;
  channel: Channel;
  fields: FieldDraft[];
}

function fromSlot(slot: SlotDto | null): SlotDraft {
  if (!slot) return { key: "", name: "", channel: "web", fields: [{ uid: "f0", key: "headline", label: "Headline", type: "text", required: true, keyEdited: false }] };
  return { key: slot.key, name: slot.name, channel: slot.channel, fields: slot.fields.map((f, i) => ({ uid: `f${i}`, key: f.key, label: f.label ?? "", type: f.type, required: f.required, keyEdited: true })) };
}

function toInput(d: SlotDraft): SlotInput {
  return { key: d.key, name: d.name.trim(), channel: d.channel, fields: d.fields.map((f) => ({ key: f.key, ...(f.label.trim() ? { label: f.label.trim() } : {}), type: f.type, required: f.required })) };
}

export function slotKeyProblem(key: string): string | null {
  if (!key) return "Give the slot a key";
  if (key.length > 64) return "Keep keys under 64 characters";
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) return "Use lowercase letters, digits, - and _ (like home-hero)";
  if (key === "new") return "This key is reserved; choose another";
  return null;
}

/** /personalization/slots/new and /personalization/slots/[key]: a slot's key, name, channel and fields. */
export function SlotEditor({ workspace, slot, canEdit }: { workspace: string; slot: SlotDto | null; canEdit: boolean }) {
  const router = useRouter();
  const id = useId();
  const [base, setBase] = useState(() => fromSlot(slot));
  const [draft, setDraft] = useState(base);
  const [keyEdited, setKeyEdited] = useState(Boolean(slot));
  const [attempted, setAttempted] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const save = useSaveSlot(workspace, slot?.key ?? null);
  const experiences = useExperiences(workspace, Boolean(slot));
  const dirty = useMemo(() => JSON.stringify(toInput(draft)) !== JSON.stringify(toInput(base)), [draft, base]);
  useUnsavedGuard(canEdit && dirty && !save.isSuccess);

  const { reset: resetSave, isError } = save;
  useEffect(() => {
    if (isError) resetSave();
    // An error describes the draft it was sent with; an edit makes it stale.
  }, [draft]);

  const problems = problemsOf(save.error);
  const clientKey = (attempted || draft.key) && !slot ? slotKeyProblem(draft.key) : null;
  const errors = {
    key: messageAt(problems, ["key"]) ?? clientKey,
    name: messageAt(problems, ["name"]) ?? (attempted && !draft.name.trim() ? "Give the slot a name" : null),
    channel: messageAt(problems, ["channel"]),
    fields: messageAt(problems, ["fields"]),
  };
  const conflict = save.error instanceof ApiRequestError && save.error.status === 409 ? save.error : null;
  const used = (experiences.data?.data ?? []).filter((e) => slot && e.slot === slot.key);

  function onSave() {
    setAttempted(true);
    const keyClash = draft.fields.some((f, i) => fieldKeyProblem(f.key, draft.fields.filter((_, j) => j !== i).map((x) => x.key)));
    if (!draft.name.trim() || (!slot && slotKeyProblem(draft.key)) || keyClash || draft.fields.length === 0) return;
    save.mutate(toInput(draft), {
      onSuccess: ({ slot: saved }) => {
        const next = fromSlot(saved);
        setBase(next);
        setDraft(next);
        setAttempted(false);
        if (!slot) router.push(`/personalization/slots/${encodeURIComponent(saved.key)}`);
      },
    });
  }

  const set = <K extends keyof SlotDraft>(field: K, value: SlotDraft[K]) =>
    setDraft((d) => ({ ...d, [field]: value, ...(field === "name" && !keyEdited && !slot ? { key: keyFromName(String(value)) } : {}) }));

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/personalization" className="hover:text-slate-700">← Personalization</Link>}
        title={slot ? <span data-testid="slot-title">{slot.name}</span> : "New slot"}
        description={
          slot ? (
            <>
              <code className="font-mono text-xs text-slate-600">{slot.key}</code> · changed <RelativeTime value={slot.updatedAt} /> by {slot.updatedBy || "unknown"}
            </>
          ) : (
            "A slot is a place on a page or in an email that Tailor fills. Its fields are the content every variant provides; your site reads them by key."
          )
        }
        actions={
          canEdit && slot ? (
            <>
              <Link href={`/personalization/new?slot=${encodeURIComponent(slot.key)}`} className={buttonClasses("secondary", "sm")} data-testid="new-experience-on-slot">
                <PlusIcon className="size-4" />
                New experience
              </Link>
              <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(true)} data-testid="delete-slot">
                Delete
              </Button>
            </>
          ) : null
        }
      />
      {!canEdit ? (
        <Alert tone="info" className="mb-6" data-testid="view-only-note">
          You have view-only access: only editors, admins and owners can change slots.
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_19rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardBody className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem]">
              <Field id={`${id}-name`} label="Name" error={errors.name}>
                <Input id={`${id}-name`} value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="e.g. Home page hero" maxLength={200} disabled={!canEdit} invalid={Boolean(errors.name)} aria-describedby={describedBy(`${id}-name`, undefined, errors.name)} data-testid="slot-name" />
              </Field>
              <Field id={`${id}-key`} label="Key" hint={slot ? "The key cannot change: sites ask for the slot by it." : "What your site asks for (data-tailor-slot, OFREP flag key)."} error={errors.key}>
                <Input
                  id={`${id}-key`}
                  value={draft.key}
                  onChange={(e) => {
                    setKeyEdited(true);
                    set("key", e.target.value.toLowerCase());
                  }}
                  placeholder="home-hero"
                  maxLength={64}
                  readOnly={Boolean(slot)}
                  disabled={!canEdit && !slot}
                  invalid={Boolean(errors.key)}
                  aria-describedby={describedBy(`${id}-key`, "hint", errors.key)}
                  className="font-mono text-[13px] read-only:bg-slate-50 read-only:text-slate-600"
                  data-testid="slot-key"
                />
              </Field>
              <Field id={`${id}-channel`} label="Channel" error={errors.channel}>
                <Select id={`${id}-channel`} value={draft.channel} onChange={(e) => set("channel", e.target.value as Channel)} disabled={!canEdit} data-testid="slot-channel">
                  <option value="web">Web</option>
                  <option value="email">Email</option>
                </Select>
              </Field>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Fields" description="The content schema. Every variant of every experience on this slot is checked against it." />
            <CardBody>
              <SlotFieldsEditor fields={draft.fields} onChange={(fields) => set("fields", fields)} problems={problems} disabled={!canEdit} showClientErrors={attempted} />
              {errors.fields ? <p className="mt-2 text-xs font-medium text-red-600" data-testid="fields-error">{errors.fields}</p> : null}
            </CardBody>
          </Card>
        </div>
        <aside className="space-y-4 lg:sticky lg:top-6" aria-label="Save">
          {canEdit ? (
            <Card className="px-4 py-3.5">
              <Button className="w-full" onClick={onSave} pending={save.isPending} disabled={Boolean(slot) && !dirty} data-testid="save-slot">
                {slot ? (dirty ? "Save slot" : "Saved") : "Create slot"}
              </Button>
              <p className="mt-2 text-center text-xs text-slate-500" data-testid="save-status">
                {slot ? (dirty ? "You have unsaved changes." : "All changes are saved.") : "Then add experiences that fill it."}
              </p>
              {save.error ? (
                <Alert tone="danger" className="mt-3" title={conflict ? "Existing content would not fit" : undefined} data-testid="save-error">
                  {save.error.message}
                </Alert>
              ) : null}
            </Card>
          ) : null}
          {slot ? <SlotUsage experiences={used} loading={experiences.isPending} /> : null}
        </aside>
      </div>
      {slot && deleting ? <DeleteSlotDialog workspace={workspace} slot={slot} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}

function SlotUsage({ experiences, loading }: { experiences: ExperienceDto[]; loading: boolean }) {
  return (
    <Card>
      <CardHeader title="Experiences on this slot" />
      <div className="px-4 py-3 text-sm" data-testid="slot-usage">
        {loading ? (
          <p className="text-slate-500">Loading…</p>
        ) : experiences.length === 0 ? (
          <p className="text-slate-500">None yet. Visitors get nothing from this slot until an experience on it is live.</p>
        ) : (
          <ul className="space-y-2">
            {experiences.map((e) => (
              <li key={e.key} className="flex items-center justify-between gap-2">
                <Link href={`/personalization/${encodeURIComponent(e.key)}`} className="min-w-0 truncate font-medium text-slate-800 hover:text-accent-700 hover:underline">
                  {e.name}
                </Link>
                <StatusBadge status={e.status} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

/** Deletes the slot after confirmation; the API refuses while experiences use it and says which. */
function DeleteSlotDialog({ workspace, slot, onClose }: { workspace: string; slot: SlotDto; onClose: () => void }) {
  const router = useRouter();
  const remove = useDeleteSlot(workspace, slot.key);
  const inUse = remove.error instanceof ApiRequestError && remove.error.status === 409;
  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!remove.isPending}
      title={`Delete “${slot.name}”?`}
      description="Sites that ask for this slot will get “not found” and show their own fallback."
      data-testid="delete-slot-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => remove.mutate(undefined, { onSuccess: () => router.push("/personalization") })} pending={remove.isPending || remove.isSuccess} disabled={inUse} data-testid="confirm-delete-slot">
            Delete slot
          </Button>
        </>
      }
    >
      {remove.error ? (
        <Alert tone="danger" title={inUse ? "This slot is in use" : "It could not be deleted"} data-testid="delete-slot-error">
          {remove.error.message}
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">
          The key <code className="rounded bg-slate-100 px-1 font-mono text-xs">{slot.key}</code> becomes free again.
        </p>
      )}
    </Dialog>
  );
}
