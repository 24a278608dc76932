import type { Metadata } from "next";
import { PlannedPage } from "@/components/planned-page";
import { EyeIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Preview" };

export default function PreviewPage() {
  return (
    <PlannedPage
      title="Preview as visitor"
      description="See your site the way one particular visitor would."
      icon={<EyeIcon />}
      emptyTitle="Preview coming soon"
      emptyDescription="Pick a real profile or compose a hypothetical one, and see for every slot which rule matched, which variant would be shown and why the other rules did not apply."
      testId="preview-empty"
    />
  );
}
