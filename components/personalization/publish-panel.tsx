"use client";

import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "./status-badge";
import type { ExperienceDto, OverlapWarning } from "./types";

export interface PublishPanelProps {
  experience: ExperienceDto | null;
  dirty: boolean;
  /** The saved draft differs from the published version. */
  unpublished: boolean;
  blocked: string | null;
  saving: boolean;
  publishing: boolean;
  changingStatus: boolean;
  error: Error | null;
  warnings: OverlapWarning[] | null;
  publishedVersion: number | null;
  onSave: () => void;
  onPublish: () => void;
  onStatus: (status: "paused" | "draft") => void;
}

/** Save the draft, publish it (with overlap warnings), pause or resume; what each does, and what went wrong. */
export function PublishPanel({ experience, dirty, unpublished, blocked, saving, publishing, changingStatus, error, warnings, publishedVersion, onSave, onPublish, onStatus }: PublishPanelProps) {
  const isNew = experience === null;
  const status = experience?.status ?? "draft";
  const busy = saving || publishing || changingStatus;
  const publishLabel = status === "paused" ? (dirty ? "Save and resume" : "Resume") : status === "live" ? (dirty ? "Save and publish" : unpublished ? "Publish changes" : "Published") : dirty || isNew ? "Save and publish" : "Publish";

  return (
    <Card className="space-y-3 px-4 py-3.5" data-testid="publish-panel">
      {experience ? (
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
          <StatusBadge status={status} />
          <span data-testid="published-version">
            {experience.version > 0 ? (
              <>
                v{experience.version} published <RelativeTime value={experience.publishedAt} />
              </>
            ) : (
              "never published"
            )}
          </span>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-2">
        <Button variant="secondary" onClick={onSave} pending={saving} disabled={busy || Boolean(blocked) || (!isNew && !dirty)} data-testid="save-experience">
          {isNew ? "Save draft" : dirty ? "Save draft" : "Saved"}
        </Button>
        <Button onClick={onPublish} pending={publishing} disabled={busy || Boolean(blocked) || (status === "live" && !dirty && !unpublished)} data-testid="publish-experience">
          {publishLabel}
        </Button>
      </div>
      {status === "live" && !isNew ? (
        <Button variant="ghost" size="sm" className="w-full" onClick={() => onStatus("paused")} pending={changingStatus} disabled={busy} data-testid="pause-experience">
          Pause (stop serving it)
        </Button>
      ) : null}
      {status === "paused" && !isNew ? (
        <Button variant="ghost" size="sm" className="w-full" onClick={() => onStatus("draft")} pending={changingStatus} disabled={busy} data-testid="unpublish-experience">
          Move back to draft
        </Button>
      ) : null}
      <p className="text-xs text-slate-500" data-testid="save-status">
        {blocked ? (
          <span className="font-medium text-red-700">{blocked}</span>
        ) : dirty ? (
          "You have unsaved changes. Saving changes the draft only; visitors keep getting the published version until you publish."
        ) : isNew ? (
          "Saving creates a draft; publishing makes it live as version 1."
        ) : status === "live" && unpublished ? (
          <span className="font-medium text-amber-700">The saved draft has changes that are not published yet.</span>
        ) : status === "live" ? (
          "Visitors get the published version."
        ) : status === "paused" ? (
          "Paused: no visitor gets it. Resume publishes the saved draft as a new version."
        ) : (
          "A draft: no visitor gets it until you publish."
        )}
      </p>
      {warnings && warnings.length > 0 ? (
        <Alert tone="warning" title={`Published as version ${publishedVersion}, but other live experiences on this slot can reach the same visitors`} data-testid="publish-warnings">
          <ul className="mt-1 list-disc space-y-1 pl-4">
            {warnings.map((w) => (
              <li key={w.experience}>
                <a href={`/personalization/${encodeURIComponent(w.experience)}`} className="font-medium underline">
                  {w.name}
                </a>
                : {w.reason}.
              </li>
            ))}
          </ul>
        </Alert>
      ) : warnings ? (
        <Alert tone="success" data-testid="publish-success">
          Published as version {publishedVersion}. No other live experience on this slot overlaps.
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="danger" data-testid="save-error">
          {error.message}
        </Alert>
      ) : null}
    </Card>
  );
}
