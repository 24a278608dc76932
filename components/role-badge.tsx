import type { Role } from "@/db/schema";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<Role, BadgeTone> = { owner: "accent", admin: "accent", editor: "success", viewer: "neutral" };
const LABEL: Record<Role, string> = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };

/** A member's role as a coloured badge. */
export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge tone={TONE[role]} className={className}>
      {LABEL[role]}
    </Badge>
  );
}
