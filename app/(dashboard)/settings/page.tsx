import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { connection } from "next/server";
import { canEdit } from "@/lib/auth/context";
import { ROLE_DESCRIPTIONS } from "@/lib/auth/roles";
import { listApiKeys } from "@/lib/keys/api-keys";
import { queryKeys } from "@/lib/query-keys";
import { listMembers } from "@/lib/workspaces/workspaces";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { AuditPanel } from "@/components/settings/audit-panel";
import { MembersPanel } from "@/components/settings/members-panel";
import { DeleteWorkspaceSection, WorkspaceCard } from "@/components/settings/workspace-card";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { WebhooksPanel } from "@/components/webhooks/webhooks-panel";
import { getDashboardContext } from "../_lib/context";

export const metadata: Metadata = { title: "Settings" };

const TABS = ["members", "api-keys", "webhooks", "audit"] as const;

/** Dates become ISO strings exactly as the JSON API returns them, so cached and fetched data match. */
function asJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const ctx = await getDashboardContext();
  const { tab } = await searchParams;
  const slug = ctx.workspace.slug;
  const canManage = canEdit(ctx, "admin");
  const initialTab = TABS.find((t) => t === tab && (t !== "audit" || canManage)) ?? "members";

  const [members, keys] = await Promise.all([listMembers(ctx.db, ctx.workspace.id), listApiKeys(ctx.db, ctx.workspace.id)]);
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.members(slug), { data: asJson(members) });
  queryClient.setQueryData(queryKeys.apiKeys(slug), { data: asJson(keys) });

  return (
    <>
      <PageHeader title="Settings" description="Who can use this workspace, and the keys your sites and scripts use to reach it." />

      <WorkspaceCard
        workspace={{ name: ctx.workspace.name, slug, isDemo: ctx.workspace.isDemo }}
        role={ctx.role}
        roleDescription={ROLE_DESCRIPTIONS[ctx.role]}
        canRename={canManage}
      />

      {canManage ? null : (
        <Alert tone="info" title="You have view-only access" className="mb-6" data-testid="view-only-note">
          You can see the members and keys of this workspace, but only an admin or owner can add members, change roles, or create and revoke keys.
        </Alert>
      )}

      <HydrationBoundary state={dehydrate(queryClient)}>
        <Tabs
          label="Settings sections"
          defaultValue={initialTab}
          syncWithUrl
          items={[
            { id: "members", label: "Members", content: <MembersPanel workspace={slug} myRole={ctx.role} myUserId={ctx.user.id} /> },
            { id: "api-keys", label: "API keys", content: <ApiKeysPanel workspace={slug} canManage={canManage} /> },
            { id: "webhooks", label: "Webhooks", content: <WebhooksPanel workspace={slug} canManage={canManage} /> },
            // Who changed what is for the people who manage the workspace.
            ...(canManage ? [{ id: "audit", label: "Audit log", content: <AuditPanel workspace={slug} /> }] : []),
          ]}
        />
      </HydrationBoundary>

      {canEdit(ctx, "owner") ? <DeleteWorkspaceSection workspace={{ name: ctx.workspace.name, slug }} /> : null}
    </>
  );
}
