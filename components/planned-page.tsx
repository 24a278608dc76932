import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export interface PlannedPageProps {
  title: string;
  description: string;
  icon: ReactNode;
  emptyTitle: string;
  emptyDescription: ReactNode;
  testId: string;
}

/** A section that is on its way: its header and a friendly note about what will live here. */
export function PlannedPage({ title, description, icon, emptyTitle, emptyDescription, testId }: PlannedPageProps) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState icon={icon} title={emptyTitle} description={emptyDescription} data-testid={testId} />
    </>
  );
}
