import type { Metadata } from "next";
import { PlannedPage } from "@/components/planned-page";
import { SparklesIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Personalization" };

export default function PersonalizationPage() {
  return (
    <PlannedPage
      title="Personalization"
      description="Decide what each visitor sees in every slot of your site, app or emails."
      icon={<SparklesIcon />}
      emptyTitle="No experiences yet"
      emptyDescription="You will define slots (such as a home page hero), then experiences that show a variant to each audience, first match wins, with a default for everyone else, schedules, holdouts and measured lift."
      testId="personalization-empty"
    />
  );
}
