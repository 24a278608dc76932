import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/imports/import-wizard";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import { getDashboardContext } from "../../_lib/context";

export const metadata: Metadata = { title: "Import profiles" };

export default async function ImportProfilesPage() {
  const ctx = await getDashboardContext();
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/profiles" className="hover:text-slate-700">← Profiles</Link>}
        title="Import profiles from CSV"
        description="Create or update profiles and their traits from a spreadsheet. Imported rows behave like identify calls: ids merge, traits update and segments follow."
      />
      {canEdit(ctx) ? (
        <ImportWizard workspace={ctx.workspace.slug} />
      ) : (
        <Alert tone="warning" title="You cannot import" data-testid="import-forbidden">
          Importing profiles needs the editor role or higher; ask an admin.
        </Alert>
      )}
    </>
  );
}
