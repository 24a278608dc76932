"use client";

/** Placeholder until the breakdowns work lands: members by a trait or context field vs all profiles. */
export function SegmentBreakdown(_props: { workspace: string; segmentKey: string }) {
  return null;
}
