import type { Metadata } from "next";
import { PlannedPage } from "@/components/planned-page";
import { UsersIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Profiles" };

export default function ProfilesPage() {
  return (
    <PlannedPage
      title="Profiles"
      description="Every person Tailor knows, known or anonymous, with their traits and history."
      icon={<UsersIcon />}
      emptyTitle="Profile browser coming soon"
      emptyDescription="Here you will search and filter profiles, open one to see its traits, consent, timeline of events and the segments it belongs to."
      testId="profiles-empty"
    />
  );
}
