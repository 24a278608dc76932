import type { Metadata } from "next";
import { PlannedPage } from "@/components/planned-page";
import { SegmentsIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Segments" };

export default function SegmentsPage() {
  return (
    <PlannedPage
      title="Segments"
      description="Build audiences with nested rules on traits, behaviour and other segments."
      icon={<SegmentsIcon />}
      emptyTitle="No segments yet"
      emptyDescription="Segments group people who share something: who they are, where they are, what they did and how often. You will combine conditions with and/or groups, see the audience size as you edit, and watch it change over time."
      testId="segments-empty"
    />
  );
}
