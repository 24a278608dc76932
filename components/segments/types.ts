/** Shapes of the segment API's JSON, as the dashboard receives them (dates are ISO strings). */
import type { PreviewResult } from "@/lib/segments/schemas";

export type { PreviewResult };

export type SegmentStatus = "active" | "archived";

export interface SegmentDto {
  id: string;
  key: string;
  name: string;
  description: string;
  tags: string[];
  rule: unknown;
  status: SegmentStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  lastCount: number | null;
  lastCountedAt: string | null;
  /** Current members as stored by real-time membership (`segment_members`). */
  memberCount: number;
  /** Last enter or exit. */
  membersUpdatedAt: string | null;
  /** Last full reconcile against the rule. */
  evaluatedAt: string | null;
  /** Why the rule cannot be evaluated; null when it evaluates fine. */
  evaluationError: string | null;
  /** The rule in plain English. */
  summary: string;
}

export interface SegmentChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

export interface SegmentVersionDto {
  version: number;
  changedBy: string;
  changedAt: string;
  note: string;
  name: string;
  status: SegmentStatus;
  description: string;
  summary: string;
  changes: SegmentChange[];
}

export interface SegmentMemberDto {
  id: string;
  userId: string | null;
  email: string | null;
  name: string | null;
  country: string | null;
}

export interface SegmentFilters {
  q: string;
  tag: string;
  status: "active" | "archived" | "all";
}
