import type { Metadata } from "next";
import Link from "next/link";
import { ExperienceEditor } from "@/components/personalization/experience-editor";
import type { SlotDto } from "@/components/personalization/types";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import type { Catalog } from "@/lib/rules/catalog";
import { listSlots, presentSlot } from "@/lib/personalization/slots";
import { getDecisionCatalog } from "@/lib/personalization/validate-experience";
import { getDashboardContext } from "../../_lib/context";
import { asJson } from "../../segments/_lib/as-json";

export const metadata: Metadata = { title: "New experience" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewExperiencePage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await getDashboardContext();
  if (!canEdit(ctx)) {
    return (
      <>
        <PageHeader title="New experience" />
        <Alert tone="info" title="You have view-only access" data-testid="view-only-note">
          Only editors, admins and owners can create experiences. <Link href="/personalization" className="font-medium underline">Back to personalization</Link>
        </Alert>
      </>
    );
  }
  const { slot } = await searchParams;
  const [slots, catalog] = await Promise.all([listSlots(ctx.db, ctx.workspace.id), getDecisionCatalog(ctx.db, ctx.workspace.id)]);
  return (
    <ExperienceEditor
      workspace={ctx.workspace.slug}
      experience={null}
      initialSlot={typeof slot === "string" ? slot : undefined}
      slots={asJson(slots.map(presentSlot)) as SlotDto[]}
      catalog={asJson(catalog) as Catalog}
      canEdit
    />
  );
}
