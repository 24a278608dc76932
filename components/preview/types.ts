/** Shapes the preview page works with; the zod schemas in lib/personalization/preview-schemas are their source. */
import type { ComposedVisitorInput, PreviewExperience, PreviewResult, PreviewSlot, PreviewVisitor } from "@/lib/personalization/preview-schemas";

export type { ComposedVisitorInput, PreviewExperience, PreviewResult, PreviewSlot, PreviewVisitor };

/** Whom the page previews. */
export type Subject =
  | { kind: "profile"; id: string }
  | { kind: "visitor"; visitor: ComposedVisitorInput }
  | { kind: "segment"; key: string; member: number };

export interface PersonaOption {
  userId: string;
  label: string;
}

export interface SegmentOption {
  key: string;
  name: string;
}

/** The pages of the demo site the preview can show. */
export const DEMO_PAGES = [
  { label: "Home", path: "/demo" },
  { label: "Sports article", path: "/demo/sports" },
  { label: "Finance article", path: "/demo/finance" },
  { label: "Travel", path: "/demo/travel" },
  { label: "Shop", path: "/demo/shop" },
  { label: "Bank", path: "/demo/bank" },
] as const;

/** The POST /api/v1/preview body for a subject and request context. */
export function previewBody(subject: Subject, context: Record<string, string>): Record<string, unknown> {
  const clean = Object.fromEntries(Object.entries(context).filter(([, v]) => v.trim() !== ""));
  switch (subject.kind) {
    case "profile":
      return { profile: subject.id, context: clean };
    case "segment":
      return { segment: subject.key, member: subject.member, context: clean };
    case "visitor":
      return { visitor: subject.visitor, context: clean };
  }
}
