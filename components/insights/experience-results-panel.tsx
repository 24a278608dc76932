"use client";

/** Placeholder until the experience results UI lands: per-variant results with lift over the holdout. */
export function ExperienceResultsPanel(_props: { workspace: string; experienceKey: string }) {
  return null;
}
