import { z } from "zod";
import { json, parseBody, parseParams, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { recordAudit } from "@/lib/audit/record-audit";
import { changeMemberRole, changeRoleSchema, removeMember } from "@/lib/workspaces/members";

const paramsSchema = z.object({ userId: z.string().min(1).max(200) });

// PATCH /api/v1/members/{userId} — change a member's role (owners only for owner roles; never the last owner)
export const PATCH = route<{ params: Promise<{ userId: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "admin");
  const { userId } = await parseParams(params, paramsSchema);
  const { role } = await parseBody(request, changeRoleSchema);
  const { before, member } = await changeMemberRole(ctx.db, ctx.workspace.id, ctx, userId, role);
  if (before.role !== member.role) {
    await recordAudit(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor, action: "member.role_changed", entityType: "member", entityId: userId, before: { role: before.role }, after: { email: member.email, role: member.role } });
  }
  return json({ member });
});

// DELETE /api/v1/members/{userId} — remove a member from the workspace (never the last owner); their account stays
export const DELETE = route<{ params: Promise<{ userId: string }> }>(async (request, { params }) => {
  const ctx = await requireApiContext(request, "admin");
  const { userId } = await parseParams(params, paramsSchema);
  const member = await removeMember(ctx.db, ctx.workspace.id, ctx, userId);
  await recordAudit(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor, action: "member.removed", entityType: "member", entityId: userId, before: { email: member.email, role: member.role } });
  return json({ member });
});
