"use client";

import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { RelativeTime } from "@/components/relative-time";
import type { SegmentDto } from "./types";

/**
 * One line under the segment header: a green "Live" dot with when membership last changed and the
 * stored member count, or a red alert when the rule cannot be evaluated (members then stay frozen).
 */
export function SegmentLiveStatus({ segment }: { segment: SegmentDto }) {
  if (segment.evaluationError) {
    return (
      <Alert tone="danger" className="mb-6" title="This segment could not be evaluated" data-testid="segment-evaluation-error">
        This segment could not be evaluated: {segment.evaluationError}. Its {formatNumber(segment.memberCount)} stored {segment.memberCount === 1 ? "member stays" : "members stay"} as they were until the rule is fixed.
      </Alert>
    );
  }
  if (segment.status === "archived") return null;
  return (
    <p className="-mt-3 mb-6 flex items-center gap-2 text-sm text-slate-600" data-testid="segment-live-status">
      <span className="relative flex size-2.5" aria-hidden="true">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />
        <span className="relative inline-flex size-2.5 rounded-full bg-emerald-500" />
      </span>
      <span className="font-medium text-emerald-700">Live</span>
      <span className="text-slate-400">·</span>
      <span>{segment.membersUpdatedAt ? <>membership updated <RelativeTime value={segment.membersUpdatedAt} /></> : "no one has entered or left yet"}</span>
      <span className="text-slate-400">·</span>
      <span>
        <span className="tabular font-medium text-slate-900" data-testid="segment-member-count">{formatNumber(segment.memberCount)}</span> {segment.memberCount === 1 ? "member" : "members"}
      </span>
    </p>
  );
}
