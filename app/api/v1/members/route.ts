import { json, parseBody, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { recordAudit } from "@/lib/audit/record-audit";
import { addMember, addMemberSchema } from "@/lib/workspaces/members";
import { listMembers } from "@/lib/workspaces/workspaces";

// GET /api/v1/members — members of the workspace with their roles
export const GET = route(async (request) => {
  const ctx = await requireApiContext(request, "viewer");
  return json({ data: await listMembers(ctx.db, ctx.workspace.id) });
});

// POST /api/v1/members — add a person by email (creates their account, with the given initial password, if none uses it)
export const POST = route(async (request) => {
  const ctx = await requireApiContext(request, "admin");
  const input = await parseBody(request, addMemberSchema);
  const { member, createdAccount } = await addMember(ctx.db, ctx.workspace.id, ctx, input);
  await recordAudit(ctx.db, { workspaceId: ctx.workspace.id, actor: ctx.actor, action: "member.added", entityType: "member", entityId: member.userId, after: { email: member.email, role: member.role, createdAccount } });
  return json({ member, createdAccount }, 201);
});
