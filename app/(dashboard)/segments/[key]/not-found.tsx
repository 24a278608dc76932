import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SegmentsIcon } from "@/components/ui/icons";

/** A segment key that does not exist in the current workspace. */
export default function SegmentNotFound() {
  return (
    <EmptyState
      icon={<SegmentsIcon />}
      title="Segment not found"
      description="No segment with this key exists in this workspace. It may have been deleted, or it belongs to another workspace."
      action={
        <Link href="/segments" className={buttonClasses("secondary")}>
          Back to segments
        </Link>
      }
      data-testid="segment-not-found"
    />
  );
}
