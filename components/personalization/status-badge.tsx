import { Badge } from "@/components/ui/badge";
import type { ExperienceStatus } from "./types";

const TONE = { live: "success", draft: "neutral", paused: "warning" } as const;
const LABEL: Record<ExperienceStatus, string> = { live: "Live", draft: "Draft", paused: "Paused" };

/** Live (served to visitors), draft (never published or taken back) or paused. */
export function StatusBadge({ status }: { status: ExperienceStatus }) {
  return (
    <span data-testid="experience-status" data-status={status}>
      <Badge tone={TONE[status] ?? "neutral"}>{LABEL[status] ?? status}</Badge>
    </span>
  );
}
