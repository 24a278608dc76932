"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Role } from "@/db/schema";
import { apiFetch, ApiRequestError } from "@/components/api-client";
import { RoleBadge } from "@/components/role-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface WorkspaceCardProps {
  workspace: { name: string; slug: string; isDemo: boolean };
  role: Role;
  roleDescription: string;
  canRename: boolean;
}

/** The workspace's name, slug and the viewer's role; admins rename it. */
export function WorkspaceCard({ workspace, role, roleDescription, canRename }: WorkspaceCardProps) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(workspace.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Enter a workspace name");
      return;
    }
    setSaving(true);
    try {
      await apiFetch("/api/v1/workspace", { method: "PATCH", body: { name }, workspace: workspace.slug });
      setEditing(false);
      setError(null);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? (caught.fieldErrors().name ?? caught.message) : "The workspace could not be renamed. Try again.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card className="mb-6 flex flex-wrap items-start gap-x-8 gap-y-3 px-5 py-4" data-testid="workspace-info">
      <div className="min-w-0">
        <p className="text-xs font-medium text-slate-500">Workspace</p>
        {editing ? (
          <form onSubmit={onRename} className="mt-1 flex flex-wrap items-start gap-2" noValidate data-testid="rename-workspace-form">
            <div className="w-64">
              <Field id="workspace-rename" label={<span className="sr-only">Workspace name</span>} error={error}>
                <Input
                  id="workspace-rename"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  maxLength={80}
                  autoFocus
                  invalid={Boolean(error)}
                  aria-describedby={describedBy("workspace-rename", false, error)}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") {
                      setEditing(false);
                      setName(workspace.name);
                      setError(null);
                    }
                  }}
                />
              </Field>
            </div>
            <Button type="submit" size="sm" pending={saving} data-testid="rename-workspace-save">
              Save
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={saving}
              onClick={() => {
                setEditing(false);
                setName(workspace.name);
                setError(null);
              }}
            >
              Cancel
            </Button>
          </form>
        ) : (
          <p className="mt-0.5 flex items-center gap-2 text-sm font-semibold text-slate-900">
            <span data-testid="workspace-name">{workspace.name}</span>
            {workspace.isDemo ? <Badge tone="warning">Demo</Badge> : null}
            {canRename ? (
              <Button variant="ghost" size="sm" onClick={() => setEditing(true)} data-testid="rename-workspace">
                Rename
              </Button>
            ) : null}
          </p>
        )}
      </div>
      <div>
        <p className="text-xs font-medium text-slate-500">Slug</p>
        <p className="mt-0.5">
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" data-testid="workspace-slug">
            {workspace.slug}
          </code>
        </p>
      </div>
      <div>
        <p className="text-xs font-medium text-slate-500">Your role</p>
        <p className="mt-0.5 flex items-center gap-2 text-sm text-slate-600">
          <RoleBadge role={role} />
          <span className="hidden sm:inline">{roleDescription}</span>
        </p>
      </div>
    </Card>
  );
}

/** For owners, below everything else: deleting the workspace, with what it takes away. */
export function DeleteWorkspaceSection({ workspace }: { workspace: { name: string; slug: string } }) {
  const [deleting, setDeleting] = useState(false);
  return (
    <Card className="mt-8 flex flex-wrap items-center justify-between gap-4 px-5 py-4" data-testid="danger-zone">
      <div className="min-w-64 flex-1">
        <h2 className="text-sm font-semibold text-slate-900">Delete this workspace</h2>
        <p className="mt-0.5 text-sm text-slate-500">Removes its profiles, events, segments, experiences, webhooks and keys for good. Members keep their accounts.</p>
      </div>
      <Button variant="danger" onClick={() => setDeleting(true)} data-testid="delete-workspace">
        Delete workspace…
      </Button>
      <DeleteWorkspaceDialog workspace={workspace} open={deleting} onClose={() => setDeleting(false)} />
    </Card>
  );
}

/** Deleting needs the slug typed: it removes every profile, event, segment and key in the workspace. */
function DeleteWorkspaceDialog({ workspace, open, onClose }: { workspace: { name: string; slug: string }; open: boolean; onClose: () => void }) {
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const matches = confirm.trim() === workspace.slug;

  function close() {
    setConfirm("");
    setError(null);
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches) {
      setError(`Type “${workspace.slug}” exactly to confirm.`);
      return;
    }
    setPending(true);
    try {
      await apiFetch("/api/v1/workspace", { method: "DELETE", body: { confirm: confirm.trim() }, workspace: workspace.slug });
      // A full load: the shell, the cookie's workspace and every cached query are gone.
      window.location.assign("/");
    } catch (caught) {
      setPending(false);
      setError(caught instanceof ApiRequestError ? caught.message : "The workspace could not be deleted. Try again.");
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!pending}
      title={`Delete “${workspace.name}”?`}
      description="Every profile, event, segment, experience, webhook and API key in it is deleted, and members lose access. Sites using its keys stop being personalized. This cannot be undone."
      data-testid="delete-workspace-dialog"
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="delete-workspace-confirm" label={<>Type <code className="font-mono">{workspace.slug}</code> to confirm</>} error={error}>
          <Input
            id="delete-workspace-confirm"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            invalid={Boolean(error)}
            aria-describedby={describedBy("delete-workspace-confirm", false, error)}
          />
        </Field>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={pending} disabled={!matches} data-testid="confirm-delete-workspace">
            Delete workspace
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
