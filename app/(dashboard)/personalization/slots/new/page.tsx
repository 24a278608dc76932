import type { Metadata } from "next";
import Link from "next/link";
import { SlotEditor } from "@/components/personalization/slot-editor";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/context";
import { getDashboardContext } from "../../../_lib/context";

export const metadata: Metadata = { title: "New slot" };

export default async function NewSlotPage() {
  const ctx = await getDashboardContext();
  if (!canEdit(ctx)) {
    return (
      <>
        <PageHeader title="New slot" />
        <Alert tone="info" title="You have view-only access" data-testid="view-only-note">
          Only editors, admins and owners can create slots. <Link href="/personalization" className="font-medium underline">Back to personalization</Link>
        </Alert>
      </>
    );
  }
  return <SlotEditor workspace={ctx.workspace.slug} slot={null} canEdit />;
}
