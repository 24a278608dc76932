import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { UsersIcon } from "@/components/ui/icons";

/** A profile id that does not exist in the current workspace. */
export default function ProfileNotFound() {
  return (
    <EmptyState
      icon={<UsersIcon />}
      title="Profile not found"
      description="No profile with this id exists in this workspace. It may have been deleted, merged into another profile, or it belongs to another workspace."
      action={
        <Link href="/profiles" className={buttonClasses("secondary")}>
          Back to profiles
        </Link>
      }
      data-testid="profile-not-found"
    />
  );
}
