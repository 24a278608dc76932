"use client";

import { useState, type FormEvent } from "react";
import type { ApiKeyKind } from "@/db/schema";
import { ApiRequestError } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { KEY_KIND_ORDER, KEY_KINDS } from "./types";
import { useCreateApiKey } from "./use-settings-queries";

export interface CreateKeyDialogProps {
  workspace: string;
  open: boolean;
  onClose: () => void;
  /** Called with the new key's secret, to be shown exactly once. */
  onCreated: (created: { name: string; kind: ApiKeyKind; secret: string }) => void;
}

/** The "Create key" form: a name and a kind, each kind explained. */
export function CreateKeyDialog({ workspace, open, onClose, onCreated }: CreateKeyDialogProps) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ApiKeyKind>("write");
  const [errors, setErrors] = useState<{ name?: string; kind?: string; form?: string }>({});
  const create = useCreateApiKey(workspace);

  function close() {
    setName("");
    setKind("write");
    setErrors({});
    create.reset();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: "Give the key a name so you can tell it apart later" });
      return;
    }
    setErrors({});
    try {
      const result = await create.mutateAsync({ kind, name: name.trim() });
      onCreated({ name: result.key?.name ?? name.trim(), kind, secret: result.secret });
      close();
    } catch (caught) {
      if (caught instanceof ApiRequestError) setErrors({ ...caught.fieldErrors(), form: caught.message });
      else setErrors({ form: "The key could not be created. Try again." });
    }
  }

  const hint = KEY_KINDS[kind].detail;
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!create.isPending}
      title="Create an API key"
      description="The key is shown once, right after you create it."
      data-testid="create-key-dialog"
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="key-name" label="Name" error={errors.name} hint="Where the key will be used, e.g. “Website snippet”.">
          <Input
            id="key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            autoFocus
            invalid={Boolean(errors.name)}
            aria-describedby={describedBy("key-name", true, errors.name)}
          />
        </Field>
        <Field id="key-kind" label="Kind" error={errors.kind} hint={hint}>
          <Select
            id="key-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ApiKeyKind)}
            aria-describedby={describedBy("key-kind", hint, errors.kind)}
          >
            {KEY_KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {KEY_KINDS[k].label} — {KEY_KINDS[k].summary}
              </option>
            ))}
          </Select>
        </Field>
        {errors.form ? <Alert tone="danger">{errors.form}</Alert> : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending} data-testid="create-key-submit">
            Create key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
