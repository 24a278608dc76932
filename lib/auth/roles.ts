import type { Role } from "@/db/schema";

export const ROLES: readonly Role[] = ["owner", "admin", "editor", "viewer"];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** True when `role` is at least as strong as `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** What each role may do, in words for the settings page. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including members and deleting the workspace",
  admin: "Manage members, API keys and all content",
  editor: "Create and change segments, slots and experiences",
  viewer: "Look at everything, change nothing",
};
