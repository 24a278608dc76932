"use client";

import { ApiRequestError } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export interface SavePanelProps {
  onSave: () => void;
  pending: boolean;
  dirty: boolean;
  /** The saved version being edited; absent for a new segment. */
  version?: number;
  error: Error | null;
  /** Takes the newer saved version (after a 409), dropping the unsaved changes. */
  onReload?: () => void;
  reloading?: boolean;
  /** Why saving must wait (e.g. the JSON view holds text that is not a rule). */
  blocked?: string | null;
}

/** The save button with what saving will do, and what went wrong last time. */
export function SavePanel({ onSave, pending, dirty, version, error, onReload, reloading, blocked }: SavePanelProps) {
  const isNew = version === undefined;
  const conflict = error instanceof ApiRequestError && error.status === 409 && !isNew;
  // Field and rule problems are shown where they occur; here only what has no better place.
  const general = error && !conflict && !(error instanceof ApiRequestError && (error.status === 422 || (error.status === 409 && isNew))) ? error.message : null;
  const invalid = error instanceof ApiRequestError && error.status === 422;

  return (
    <Card className="px-4 py-3.5">
      <Button className="w-full" onClick={onSave} pending={pending} disabled={Boolean(blocked) || (!isNew && !dirty)} data-testid="save-segment">
        {isNew ? "Save segment" : dirty ? `Save as version ${version + 1}` : "Saved"}
      </Button>
      <p className="mt-2 text-center text-xs text-slate-500" data-testid="save-status">
        {blocked ? <span className="font-medium text-red-700">Fix the JSON before saving.</span> : isNew ? "Saving creates version 1; every later save adds a version." : dirty ? "You have unsaved changes." : `Version ${version} is saved.`}
      </p>
      {invalid ? (
        <Alert tone="danger" className="mt-3" data-testid="save-error">
          {error.message}
        </Alert>
      ) : null}
      {general ? (
        <Alert tone="danger" className="mt-3" data-testid="save-error">
          {general}
        </Alert>
      ) : null}
      {conflict ? (
        <Alert tone="warning" className="mt-3" title="Someone else saved first" data-testid="save-conflict">
          <p>{error.message}</p>
          {onReload ? (
            <Button variant="secondary" size="sm" className="mt-2" onClick={onReload} pending={reloading} data-testid="reload-segment">
              Reload their version
            </Button>
          ) : null}
        </Alert>
      ) : null}
    </Card>
  );
}
