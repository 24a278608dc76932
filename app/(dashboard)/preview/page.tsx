import type { Metadata } from "next";
import { PreviewWorkbench } from "@/components/preview/preview-workbench";
import type { PersonaOption, Subject } from "@/components/preview/types";
import { PageHeader } from "@/components/ui/page-header";
import { DEMO_PERSONAS } from "@/db/seed/personas";
import { listSegments } from "@/lib/segments/list-segments";
import { getDashboardContext } from "../_lib/context";

export const metadata: Metadata = { title: "Preview" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 255) || null;

export default async function PreviewPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  const params = await searchParams;
  const rows = await listSegments(ctx.db, { workspaceId: ctx.workspace.id, status: "active" });
  const segments = rows.map((s) => ({ key: s.key, name: s.name })).sort((a, b) => a.name.localeCompare(b.name));
  const personas: PersonaOption[] = ctx.workspace.isDemo
    ? DEMO_PERSONAS.filter((p) => p.userId).map((p) => ({ userId: p.userId!, label: p.description.split(":")[0] }))
    : [];
  const profile = first(params.profile);
  const segment = first(params.segment);
  // Without a choice in the address: a brand-new anonymous visitor, who sees every default.
  const initialSubject: Subject = profile
    ? { kind: "profile", id: profile }
    : segment
      ? { kind: "segment", key: segment, member: 0 }
      : { kind: "visitor", visitor: { anonymousId: "preview-visitor" } };

  return (
    <>
      <PageHeader
        title="Preview as visitor"
        description="See the site and every slot exactly as one visitor would, through the same decisions the site gets, with the reason behind each one. Nothing is recorded."
      />
      <PreviewWorkbench key={`${profile}|${segment}`} workspace={ctx.workspace.slug} isDemo={ctx.workspace.isDemo} personas={personas} segments={segments} initialSubject={initialSubject} />
    </>
  );
}
